import { rule } from '../../../src/lint/rules/dnf-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN dnf install -y httpd-2.4.57',
    "FROM debian:12\nRUN dnf group install -y \"Development Tools\""
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN dnf install -y httpd', lines: [2], aliases: ['DL3041'] },
    { code: 'FROM debian:12\nRUN dnf module install -y nodejs', lines: [2], aliases: ['DL3041'] }
  ]
});

hadolintSpecCases('DL3041', {
  'DL3041Spec.hs:111': 'an ARG declared in another stage is not in scope here (BuildKit scopes ARGs per stage): ${version} is empty and the package unpinned'
});
