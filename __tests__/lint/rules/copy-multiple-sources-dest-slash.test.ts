import { rule } from '../../../src/lint/rules/copy-multiple-sources-dest-slash';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nCOPY a b /app/',
    'FROM debian:12\nCOPY a /app'
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY a b /app', lines: [2], aliases: ['DL3021'] }
  ]
});

hadolintSpecCases('DL3021');
