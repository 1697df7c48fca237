import { rule } from '../../../src/lint/rules/reserved-stage-name';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testReservedStageName
ruleCases(rule, {
  valid: ['\nFROM scratch\nFROM scratch AS a\n'],
  invalid: [
    { code: '\nFROM scratch AS scratch\nFROM scratch AS context\n', lines: [2, 3], aliases: ['ReservedStageName'] },
    { code: 'FROM busybox:1 AS Scratch', lines: [1], name: 'stage names compare lowercased' }
  ]
});
