import { rule } from '../../../src/lint/rules/unused-stage';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM alpine:3.20\n',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n',
    'FROM alpine AS base\nFROM base AS mid\nFROM mid\n',
    { code: 'FROM alpine AS test\nRUN make test\nFROM alpine\n', ctx: { targets: ['test'] } }
  ],
  invalid: [
    { code: 'FROM alpine AS test\nRUN make test\nFROM alpine\n', lines: [1] },
    { code: 'FROM alpine AS a\nFROM alpine AS b\nFROM alpine\nCOPY --from=a /x /x\n', lines: [2] },
    { code: 'FROM alpine\nFROM alpine AS dev\nFROM alpine\n', lines: [1, 2], name: 'two unused stages' }
  ]
});
