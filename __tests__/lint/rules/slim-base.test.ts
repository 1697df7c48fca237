import { rule } from '../../../src/lint/rules/slim-base';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM python:3.12-slim\n',
    'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:nonroot\n',
    'FROM eclipse-temurin:21-jre\n',
    'FROM nginx:1.27\n',
    'FROM scratch\n',
    'ARG BASE\nFROM $BASE\n',
    'FROM node:20-alpine AS base\nFROM base\n'
  ],
  invalid: [
    { code: 'FROM python:3.12\n', lines: [1] },
    { code: 'FROM node:20 AS build\nRUN npm ci\nFROM node:20\nCOPY --from=build /app /app\n', lines: [3] },
    { code: 'FROM maven:3-eclipse-temurin-21\n', lines: [1] },
    { code: 'FROM eclipse-temurin:21-jdk\n', lines: [1] },
    { code: 'ARG V=3.12\nFROM python:${V}\n', lines: [2] },
    { code: 'FROM ruby AS base\nFROM base\n', lines: [2] }
  ]
});
