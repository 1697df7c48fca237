import { rule } from '../../../src/lint/rules/label-url';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: "FROM debian:12\nLABEL u=\"https://example.com/x\"", ctx: { labelSchema: { u: 'url' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL u=\"not a url\"", ctx: { labelSchema: { u: 'url' } }, lines: [2], aliases: ['DL3052'] }
  ]
});

hadolintSpecCases('DL3052');
