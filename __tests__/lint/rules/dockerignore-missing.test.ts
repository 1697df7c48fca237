import { rule } from '../../../src/lint/rules/dockerignore-missing';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: 'FROM alpine\nCOPY . /app\n', ctx: { dockerignore: { exists: true, lines: ['.git', 'node_modules'] } } },
    { code: 'FROM alpine\nCOPY src /app\n', ctx: { dockerignore: { exists: false, lines: [] } } },
    { code: 'FROM alpine\nCOPY . /app\n', ctx: { dockerignore: { exists: true, lines: ['*', '!src'] } } },
    'FROM alpine\nCOPY . /app\n'
  ],
  invalid: [
    { code: 'FROM alpine\nCOPY . /app\n', lines: [2], ctx: { dockerignore: { exists: false, lines: [] } } },
    { code: 'FROM alpine\nRUN echo\nADD ./ /app\n', lines: [3], ctx: { dockerignore: { exists: true, lines: ['node_modules'] } } },
    { code: 'FROM alpine\nCOPY . /app\n', lines: [2], ctx: { dockerignore: { exists: true, lines: ['.git', '!.git'] } } }
  ]
});
