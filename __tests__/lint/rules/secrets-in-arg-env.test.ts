import { rule } from '../../../src/lint/rules/secrets-in-arg-env';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: ['FROM alpine\nARG VERSION=1\n', 'FROM alpine\nENV PUBLIC_KEY=abc\n', 'FROM alpine\nENV KEYBOARD=us MONKEY=1\n'],
  invalid: [
    { code: 'FROM alpine\nARG GITHUB_TOKEN\n', lines: [2] },
    { code: 'ARG NPM_AUTH=x\nFROM alpine\n', lines: [1] },
    { code: 'FROM alpine\nENV DB_PASSWORD=secret API_KEY=1\n', lines: [2, 2] },
    { code: 'FROM alpine\nENV SECRET value\n', lines: [2] }
  ]
});
