import { rule } from '../../../src/lint/rules/legacy-key-value-format';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testLegacyKeyValueFormat
ruleCases(rule, {
  valid: ['\nFROM scratch\nENV testkey=value\nLABEL key=value\n', 'FROM scratch\nENV a=1 b="two words"'],
  invalid: [
    { code: '\nFROM scratch\nENV testkey value\nLABEL key value\n', lines: [3, 4], aliases: ['LegacyKeyValueFormat'] },
    { code: '\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\nFROM a AS c\n', lines: [5, 6], name: 'also in a stage no target reaches' }
  ]
});
