import { rule } from '../../../src/lint/rules/useradd-high-uid';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN useradd -l -u 123456 app',
    'FROM debian:12\nRUN useradd -u 1000 app'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN useradd -u 123456 app', lines: [2], aliases: ['DL3046'] }
  ]
});

hadolintSpecCases('DL3046');
