import { rule } from '../../../src/lint/rules/label-semver';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: "FROM debian:12\nLABEL v=\"2.0.0-rc.1\"", ctx: { labelSchema: { v: 'semver' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL v=\"v2.0\"", ctx: { labelSchema: { v: 'semver' } }, lines: [2], aliases: ['DL3056'] }
  ]
});

hadolintSpecCases('DL3056');
