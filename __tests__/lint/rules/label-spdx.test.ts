import { rule } from '../../../src/lint/rules/label-spdx';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: "FROM debian:12\nLABEL l=\"Apache-2.0\"", ctx: { labelSchema: { l: 'spdx' } } }
  ],
  invalid: [
    { code: "FROM debian:12\nLABEL l=\"Apache 2\"", ctx: { labelSchema: { l: 'spdx' } }, lines: [2], aliases: ['DL3054'] }
  ]
});

hadolintSpecCases('DL3054');
