import { rule } from '../../../src/lint/rules/no-zypper-dist-upgrade';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN zypper update -y'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN zypper dup -y', lines: [2], aliases: ['DL3035'] }
  ]
});

hadolintSpecCases('DL3035');
