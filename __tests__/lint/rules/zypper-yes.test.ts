import { rule } from '../../../src/lint/rules/zypper-yes';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN zypper --non-interactive install httpd',
    'FROM debian:12\nRUN zypper install -y httpd'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN zypper install httpd', lines: [2], aliases: ['DL3034'] }
  ]
});

hadolintSpecCases('DL3034');
