import { rule } from '../../../src/lint/rules/curl-or-wget';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://e.example/x -o x',
    'FROM debian:12\nRUN curl -o x https://e.example/x\nFROM debian:12\nRUN wget -q https://e.example/y'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN curl -o x https://e.example/x\nRUN wget -q https://e.example/y', lines: [3], aliases: ['DL4001'] }
  ]
});

hadolintSpecCases('DL4001');
