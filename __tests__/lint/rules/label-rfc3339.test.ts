import { rule } from '../../../src/lint/rules/label-rfc3339';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: "FROM debian:12\nLABEL d=\"2024-05-01T12:00:00Z\"", ctx: { labelSchema: { d: 'rfc3339' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL d=\"2024-05-01\"", ctx: { labelSchema: { d: 'rfc3339' } }, lines: [2], aliases: ['DL3053'] }
  ]
});

hadolintSpecCases('DL3053');
