import { rule } from '../../../src/lint/rules/removed-in-later-layer';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM alpine:3.20\nRUN wget -O /tmp/a.tgz http://x/a.tgz && tar xzf /tmp/a.tgz && rm /tmp/a.tgz\n',
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    'FROM alpine:3.20\nCOPY app.tgz /tmp/\nRUN rm -rf /var/cache/apk/*\n',
    'FROM alpine:3.20 AS a\nCOPY big /big\nFROM alpine:3.20\nRUN rm -rf /big\n',
    // a working directory too deep to track: relative paths below it are not followed
    `FROM alpine:3.20\n${'WORKDIR a\n'.repeat(70)}COPY x.tgz .\nRUN rm x.tgz\n`,
    'FROM alpine:3.20\nCOPY a /opt/ab\nRUN rm -rf /opt/a\n'
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nCOPY app.tgz /tmp/\nRUN tar xzf /tmp/app.tgz\nRUN rm /tmp/app.tgz\n', lines: [4] },
    { code: 'FROM debian:12-slim\nRUN apt-get update\nRUN apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n', lines: [4] },
    { code: 'FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests\n', lines: [4] },
    { code: 'FROM alpine:3.20\nRUN curl -o /opt/x.zip http://x\nRUN unzip /opt/x.zip && rm /opt/x.zip\n', lines: [3] },
    // a folder above what was added, and a file inside a folder that was added
    { code: 'FROM alpine:3.20\nCOPY a.tgz /opt/app/dl/a.tgz\nRUN rm -rf /opt/app\n', lines: [3] },
    { code: 'FROM alpine:3.20\nCOPY dist /opt/dist\nRUN rm /opt/dist/debug.map\n', lines: [3] },
    // an absolute WORKDIR after an untrackable one tracks again
    { code: `FROM alpine:3.20\n${'WORKDIR a\n'.repeat(70)}WORKDIR /srv\nCOPY x.tgz .\nRUN rm x.tgz\n`, lines: [74] }
  ]
});
