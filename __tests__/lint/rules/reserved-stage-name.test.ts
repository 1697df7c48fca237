import { rule } from '../../../src/lint/rules/reserved-stage-name';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12 AS build'
  ],
  invalid: [
    { code: 'FROM debian:12 AS scratch', lines: [1], aliases: ['DL3063'] },
    { code: 'FROM debian:12 AS context', lines: [1], aliases: ['DL3063'] }
  ]
});

hadolintSpecCases('DL3063');
