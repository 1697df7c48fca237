import { rule } from '../../../src/lint/rules/dnf-clean';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN dnf install -y httpd && dnf clean all',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y httpd'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN dnf install -y httpd', lines: [2], aliases: ['DL3040'] },
    { code: 'FROM debian:12\nRUN microdnf install -y httpd && dnf clean all', lines: [2], aliases: ['DL3040'] }
  ]
});

hadolintSpecCases('DL3040');
