import { rule } from '../../../src/lint/rules/sensitive-arg-env-name';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nARG VERSION=1',
    'FROM debian:12\nENV APP_HOME=/app'
  ],
  invalid: [
    { code: 'FROM debian:12\nARG GITHUB_TOKEN', lines: [2], aliases: ['DL3064'] },
    { code: 'FROM debian:12\nENV DB_PASSWORD=x', lines: [2], aliases: ['DL3064'] }
  ]
});

hadolintSpecCases('DL3064');
