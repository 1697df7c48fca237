import { rule } from '../../../src/lint/rules/copy-from-stage';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM scratch\nCOPY --from=build /app /app\n',
    'FROM golang:1.22\nRUN go build -o /app\nFROM scratch\nCOPY --from=0 /app /app\n',
    'FROM node:20 AS deps\nRUN npm ci\nFROM node:20-slim\nRUN --mount=type=bind,from=deps,source=/n,target=/n cp -r /n /app\n',
    'FROM golang:1.22 AS build\nFROM alpine AS runtime\nCOPY --from=build /app /app\nFROM runtime\n'
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN echo\n', lines: [1] },
    { code: 'FROM golang:1.22 AS build\nRUN go build\nFROM build\nCMD ["/app"]\n', lines: [3] },
    { code: 'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n', lines: [2] }
  ]
});
