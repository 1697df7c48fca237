import { rule } from '../../../src/lint/rules/apk-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apk add --no-cache curl=8.5.0-r0',
    'FROM debian:12\nRUN apk add --virtual .deps gcc=13.2.1-r0'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apk add --no-cache curl', lines: [2], aliases: ['DL3018'] },
    { code: 'FROM debian:12\nRUN apk add --virtual .deps gcc', lines: [2], aliases: ['DL3018'] }
  ]
});

hadolintSpecCases('DL3018');
