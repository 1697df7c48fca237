import { rule } from '../../../src/lint/rules/numeric-user-id';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nUSER 10001',
    'FROM debian:12\nUSER 10001:10001',
    'FROM debian:12\nARG UID=10001\nUSER ${UID}'
  ],
  invalid: [
    { code: 'FROM debian:12\nUSER app', lines: [2], aliases: ['DL3066'] },
    { code: 'FROM debian:12\nUSER app:app', lines: [2], aliases: ['DL3066'] }
  ]
});

hadolintSpecCases('DL3066');
