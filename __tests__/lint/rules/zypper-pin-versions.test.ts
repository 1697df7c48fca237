import { rule } from '../../../src/lint/rules/zypper-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN zypper install -y httpd=2.4.57',
    'FROM debian:12\nRUN zypper install -y ./local.rpm'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN zypper install -y httpd', lines: [2], aliases: ['DL3037'] }
  ]
});

hadolintSpecCases('DL3037');
