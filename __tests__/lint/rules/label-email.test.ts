import { rule } from '../../../src/lint/rules/label-email';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: "FROM debian:12\nLABEL m=\"team@example.com\"", ctx: { labelSchema: { m: 'email' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL m=\"team at example\"", ctx: { labelSchema: { m: 'email' } }, lines: [2], aliases: ['DL3058'] }
  ]
});

hadolintSpecCases('DL3058');
