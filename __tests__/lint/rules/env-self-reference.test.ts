import { rule } from '../../../src/lint/rules/env-self-reference';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nENV A=1\nENV B=$A',
    'FROM debian:12\nENV PATH=/x:$PATH',
    'FROM debian:12\nENV A=1 AB=$ABC'
  ],
  invalid: [
    { code: 'FROM debian:12\nENV A=1 B=$A', lines: [2], aliases: ['DL3044'] },
    { code: 'FROM debian:12\nENV A=1 B=${A}', lines: [2], aliases: ['DL3044'] }
  ]
});

hadolintSpecCases('DL3044');
