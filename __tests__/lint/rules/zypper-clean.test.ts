import { rule } from '../../../src/lint/rules/zypper-clean';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN zypper install -y httpd && zypper clean',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/zypp zypper install -y httpd'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN zypper clean && zypper install -y httpd', lines: [2], aliases: ['DL3036'] }
  ]
});

hadolintSpecCases('DL3036');
