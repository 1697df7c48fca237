import { rule } from '../../../src/lint/rules/label-git-hash';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: "FROM debian:12\nLABEL h=\"0123abc\"", ctx: { labelSchema: { h: 'hash' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL h=\"0123ABC\"", ctx: { labelSchema: { h: 'hash' } }, lines: [2], aliases: ['DL3055'] }
  ]
});

hadolintSpecCases('DL3055');
