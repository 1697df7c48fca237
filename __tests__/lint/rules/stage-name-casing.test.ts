import { rule } from '../../../src/lint/rules/stage-name-casing';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: ['FROM alpine AS build\n', 'FROM alpine\n', 'from alpine as build-2\n'],
  invalid: [
    { code: 'FROM alpine AS Build\n', lines: [1] },
    { code: 'FROM alpine AS ok\nFROM alpine AS NotOk\n', lines: [2] },
    { code: 'FROM alpine AS BUILD\nFROM BUILD\n', lines: [1] }
  ]
});
