import { rule } from '../../../src/lint/rules/from-as-casing';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: ['FROM alpine AS build\n', 'from alpine as build\n', 'FROM alpine\n'],
  invalid: [
    { code: 'FROM alpine as build\n', lines: [1] },
    { code: 'from alpine AS build\n', lines: [1] },
    { code: 'FROM alpine AS a\nFROM alpine As b\n', lines: [2] }
  ]
});
