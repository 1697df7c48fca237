import { rule } from '../../../src/lint/rules/label-not-empty';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: 'FROM debian:12\nLABEL a=1', ctx: { labelSchema: { a: 'text' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL a=\"\"", ctx: { labelSchema: { a: 'text' } }, lines: [2], aliases: ['DL3051'] }
  ]
});

hadolintSpecCases('DL3051');
