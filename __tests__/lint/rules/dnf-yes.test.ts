import { rule } from '../../../src/lint/rules/dnf-yes';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN dnf install -y httpd',
    'FROM debian:12\nRUN microdnf install -y httpd'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN dnf install httpd', lines: [2], aliases: ['DL3038'] },
    { code: 'FROM debian:12\nRUN microdnf install httpd', lines: [2], aliases: ['DL3038'] }
  ]
});

hadolintSpecCases('DL3038');
