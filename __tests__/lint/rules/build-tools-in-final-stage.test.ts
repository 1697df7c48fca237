import { rule } from '../../../src/lint/rules/build-tools-in-final-stage';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM debian:12-slim\nRUN apt-get install -y curl\n',
    'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc musl-dev && make && apk del .build-deps\n',
    'FROM debian:12-slim\nRUN apt-get install -y gcc && make && apt-get purge -y --auto-remove gcc\n',
    'FROM alpine:3.20\nRUN apk add --no-cache libffi\n'
  ],
  invalid: [
    { code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y build-essential\n', lines: [2] },
    { code: 'FROM golang:1.22 AS b\nFROM python:3.12-slim\nRUN apt-get install -y libpq-dev=15.1\n', lines: [3] },
    { code: 'FROM fedora:40\nRUN dnf install -y gcc-c++ \\\n    openssl-devel\n', lines: [2] },
    { code: 'FROM alpine:3.20\nRUN apk add --virtual .deps gcc\nRUN apk del other\n', lines: [2] }
  ]
});
