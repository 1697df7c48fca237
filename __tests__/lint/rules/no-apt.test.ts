import { rule } from '../../../src/lint/rules/no-apt';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update',
    'FROM debian:12\nRUN apt-cache policy curl'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt install -y curl', lines: [2], aliases: ['DL3027'] }
  ]
});

hadolintSpecCases('DL3027');
