import { rule } from '../../../src/lint/rules/yum-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN yum install -y httpd-2.4.57',
    'FROM debian:12\nARG V=2.4.57\nRUN yum install -y httpd-${V}',
    'FROM debian:12\nRUN yum module install -y nodejs:20'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN yum install -y httpd', lines: [2], aliases: ['DL3033'] },
    { code: 'FROM debian:12\nRUN yum install -y httpd-${V}', lines: [2], aliases: ['DL3033'] }
  ]
});

hadolintSpecCases('DL3033', {
  'DL3033Spec.hs:80': 'an ARG declared in another stage is not in scope here (BuildKit scopes ARGs per stage): ${version} is empty and the package unpinned'
});
