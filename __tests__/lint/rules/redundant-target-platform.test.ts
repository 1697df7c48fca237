import { rule } from '../../../src/lint/rules/redundant-target-platform';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM --platform=$BUILDPLATFORM debian:12'
  ],
  invalid: [
    { code: 'FROM --platform=$TARGETPLATFORM debian:12', lines: [1], aliases: ['DL3065'] }
  ]
});

hadolintSpecCases('DL3065');
