import { rule } from '../../../src/lint/rules/base-image-tag';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM debian:12-slim',
    'FROM scratch',
    'FROM debian@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    'FROM golang:1.22 AS build\nFROM build',
    'ARG BASE=python:3.12\nFROM ${BASE}',
    'ARG BASE\nFROM ${BASE}',
    'FROM localhost:5000/busybox:1'
  ],
  invalid: [
    { code: 'FROM debian', lines: [1], aliases: ['DL3006'] },
    { code: 'FROM golang:1.22 AS build\nFROM alpine', lines: [2] },
    { code: 'ARG BASE=python\nFROM $BASE', lines: [2] },
    { code: 'FROM localhost:5000/busybox\nFROM ghcr.io/org/app AS x', lines: [1, 2] }
  ]
});

hadolintSpecCases('DL3006');
