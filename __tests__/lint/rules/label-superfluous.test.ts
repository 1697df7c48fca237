import { rule } from '../../../src/lint/rules/label-superfluous';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: 'FROM debian:12\nLABEL a=1', ctx: { labelSchema: { a: 'text' }, strictLabels: true} },
    { code: 'FROM debian:12\nLABEL b=1', ctx: { labelSchema: { a: 'text' } } }
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL b=1', ctx: { labelSchema: { a: 'text' }, strictLabels: true}, lines: [2], aliases: ['DL3050'] }
  ]
});

hadolintSpecCases('DL3050');
