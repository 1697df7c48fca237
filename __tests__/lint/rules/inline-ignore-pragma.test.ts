import { rule } from '../../../src/lint/rules/inline-ignore-pragma';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\n# a comment\nRUN true'
  ],
  invalid: [
    { code: 'FROM debian:12\n# hadolint ignore=DL3008\nRUN true', lines: [2], aliases: ['DL1001'] },
    { code: 'FROM debian:12\n# stageguard ignore=no-sudo\nRUN true', lines: [2], aliases: ['DL1001'] }
  ]
});

hadolintSpecCases('DL1001', {
  'DL1001Spec.hs:20': 'off by default, as in hadolint (whose severity for it is `ignore`): enable it with a severity in the config'
});
