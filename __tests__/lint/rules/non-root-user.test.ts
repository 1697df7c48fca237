import { rule } from '../../../src/lint/rules/non-root-user';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM alpine:3.20\nUSER app\n',
    'FROM alpine:3.20\nUSER root\nRUN apk add curl\nUSER 10001:10001\n',
    'FROM gcr.io/distroless/static:nonroot\n',
    'FROM alpine:3.20 AS base\nUSER app\nFROM base\nRUN echo\n',
    'FROM alpine:3.20 AS build\nUSER root\nFROM alpine:3.20\nUSER nobody\n'
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN echo\n', lines: [1], aliases: [] },
    { code: 'FROM alpine:3.20\nUSER app\nUSER root\n', lines: [3], aliases: ['DL3002'] },
    { code: 'FROM alpine:3.20\nUSER 0:0\n', lines: [2], aliases: ['DL3002'] },
    { code: 'FROM alpine:3.20 AS build\nUSER app\nFROM alpine:3.20\n', lines: [3], aliases: [] }
  ]
});

hadolintSpecCases('DL3002', {
  'DL3002Spec.hs:77': 'USER root in a builder stage that the shipped image does not inherit: stageguard checks the user of the shipped stages only'
});
