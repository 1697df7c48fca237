import { rule } from '../../../src/lint/rules/reserved-stage-name';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

// hadolint's DL3063 and BuildKit's testReservedStageName: one meaning, one rule with both names
ruleCases(rule, {
  valid: ['FROM debian:12 AS build', '\nFROM scratch\nFROM scratch AS a\n'],
  invalid: [
    { code: 'FROM debian:12 AS scratch', lines: [1], aliases: ['DL3063', 'ReservedStageName'] },
    { code: 'FROM debian:12 AS context', lines: [1], aliases: ['DL3063', 'ReservedStageName'] },
    { code: '\nFROM scratch AS scratch\nFROM scratch AS context\n', lines: [2, 3] },
    { code: 'FROM busybox:1 AS Scratch', lines: [1], name: 'stage names compare lowercased' }
  ]
});

hadolintSpecCases('DL3063');
