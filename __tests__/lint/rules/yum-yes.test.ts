import { rule } from '../../../src/lint/rules/yum-yes';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN yum install -y httpd',
    'FROM debian:12\nRUN yum --assumeyes install httpd'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN yum install httpd', lines: [2], aliases: ['DL3030'] }
  ]
});

hadolintSpecCases('DL3030');
