import { rule } from '../../../src/lint/rules/removed-in-later-layer';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM alpine:3.20\nRUN wget -O /tmp/a.tgz http://x/a.tgz && tar xzf /tmp/a.tgz && rm /tmp/a.tgz\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM alpine:3.20\nCOPY app.tgz /tmp/\nRUN rm -rf /var/cache/apk/*\n',
    'FROM alpine:3.20 AS a\nCOPY big /big\nFROM alpine:3.20\nRUN rm -rf /big\n'
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nCOPY app.tgz /tmp/\nRUN tar xzf /tmp/app.tgz\nRUN rm /tmp/app.tgz\n', lines: [4] },
    { code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n', lines: [4] },
    { code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests\n', lines: [4] },
    { code: 'FROM alpine:3.20\nRUN curl -o /opt/x.zip http://x\nRUN unzip /opt/x.zip && rm /opt/x.zip\n', lines: [3] }
  ]
});
