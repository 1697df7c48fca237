import { rule } from '../../../src/lint/rules/wget-progress';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/x',
    'FROM debian:12\nRUN wget -nv https://example.com/x',
    'FROM debian:12\nRUN wget -qO- https://example.com/x'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN wget https://example.com/x', lines: [2], aliases: ['DL3047'] }
  ]
});

hadolintSpecCases('DL3047');
