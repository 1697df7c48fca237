import { rule } from '../../../src/lint/rules/workdir-relative-path';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testWorkdirRelativePath
ruleCases(rule, {
  valid: ['\nFROM scratch AS a\nWORKDIR /app\n\nFROM a AS b\nWORKDIR subdir/\n', 'FROM scratch\nWORKDIR /app\nWORKDIR sub'],
  invalid: [
    { code: '\nFROM scratch\nWORKDIR app/\n', lines: [3], aliases: ['WorkdirRelativePath'] },
    { code: 'FROM scratch\nWORKDIR a\nWORKDIR /b\nWORKDIR c', lines: [2], name: 'only before the first absolute WORKDIR' },
    { code: 'FROM scratch AS a\nWORKDIR /app\nFROM scratch\nWORKDIR sub', lines: [4], name: 'an unrelated stage does not count' }
  ]
});
