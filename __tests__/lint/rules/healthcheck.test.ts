import { rule } from '../../../src/lint/rules/healthcheck';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n',
    'FROM alpine:3.20\nHEALTHCHECK NONE\n',
    'FROM alpine:3.20 AS base\nHEALTHCHECK --interval=30s CMD true\nFROM base\n'
  ],
  invalid: [
    { code: 'FROM alpine:3.20\n', lines: [1], aliases: ['DL3057'] },
    { code: 'FROM alpine:3.20 AS build\nHEALTHCHECK NONE\nFROM alpine:3.20\nCMD ["true"]\n', lines: [3] },
    { code: 'FROM golang:1.22 AS b\nFROM scratch\nCOPY --from=b /x /x\n', lines: [2] }
  ]
});

hadolintSpecCases('DL3057');
