import { rule } from '../../../src/lint/rules/secrets-in-arg-env';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM alpine\nARG VERSION=1\n',
    'FROM alpine\nENV PUBLIC_KEY=abc\n',
    'FROM alpine\nENV KEYBOARD=us MONKEY=1\n',
    'FROM alpine\nENV GPG_KEY 7169605F62C751356D054A26A821E680E5FA6305\n',
    'FROM alpine\nENV PYTHON_GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n'
  ],
  invalid: [
    { code: 'FROM alpine\nARG GITHUB_TOKEN\n', lines: [2] },
    { code: 'ARG NPM_AUTH=x\nFROM alpine\n', lines: [1] },
    { code: 'FROM alpine\nENV DB_PASSWORD=secret API_KEY=1\n', lines: [2, 2] },
    { code: 'FROM alpine\nENV SECRET value\n', lines: [2] },
    { code: 'FROM alpine\nENV GPG_KEY=not-a-fingerprint\n', lines: [2] },
    { code: 'FROM alpine\nARG GPG_KEY\n', lines: [2] }
  ]
});
