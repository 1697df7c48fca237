import { rule } from '../../../src/lint/rules/json-args-recommended';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testJSONArgsRecommended
ruleCases(rule, {
  valid: [
    '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nCMD mycommand\n',
    '\nFROM scratch\nSHELL ["/usr/bin/customshell"]\nENTRYPOINT mycommand\n',
    '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nCMD mycommand\n',
    '\nFROM scratch AS base\nSHELL ["/usr/bin/customshell"]\n\nFROM base\nENTRYPOINT mycommand\n',
    'FROM scratch\nCMD ["mycommand"]'
  ],
  invalid: [
    { code: '\nFROM scratch\nCMD mycommand\n', lines: [3], aliases: ['JSONArgsRecommended'] },
    { code: '\nFROM scratch\nENTRYPOINT mycommand\n', lines: [3] },
    { code: 'FROM scratch AS base\nSHELL ["/bin/bash", "-c"]\nFROM scratch\nCMD run', lines: [4], name: 'a SHELL in an unrelated stage does not count' }
  ]
});
