import { rule } from '../../../src/lint/rules/no-latest-tag';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM debian:12',
    'FROM debian',
    'FROM debian:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000',
    'FROM alpine:3.20 AS latest\nFROM latest'
  ],
  invalid: [
    { code: 'FROM debian:latest', lines: [1], aliases: ['DL3007'] },
    { code: 'FROM golang:1.22 AS build\nFROM localhost:5000/busybox:latest', lines: [2] },
    { code: 'ARG TAG=latest\nFROM node:${TAG}', lines: [2] },
    { code: 'FROM alpine:LATEST AS a\nFROM alpine:latest', lines: [1, 2] }
  ]
});

hadolintSpecCases('DL3007');
