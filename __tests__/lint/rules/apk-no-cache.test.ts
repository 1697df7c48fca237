import { rule } from '../../../src/lint/rules/apk-no-cache';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache curl',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl',
    'FROM alpine:3.20\nRUN apk --no-cache add --virtual .deps gcc && apk del .deps',
    'FROM alpine:3.20\nRUN apk del curl'
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add curl', lines: [2], aliases: ['DL3019'] },
    { code: 'FROM alpine:3.20\nRUN apk update && apk add --update curl && rm -rf /var/cache/apk/*', lines: [2] },
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache a\nRUN apk add b \\\n && apk add --no-cache c', lines: [3] }
  ]
});

hadolintSpecCases('DL3019');
