import { rule } from '../../../src/lint/rules/from-platform-flag';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM debian:12'
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 debian:12', lines: [1], aliases: ['DL3029'] }
  ]
});

hadolintSpecCases('DL3029');
