import { rule } from '../../../src/lint/rules/stage-libc-mismatch';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM python:3.12 AS build\nRUN pip install --prefix=/install x\nFROM python:3.12-slim\nCOPY --from=build /install /usr/local\n',
    'FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /go/bin/app\nFROM alpine:3.20\nCOPY --from=build /go/bin/app /app\n',
    'FROM node:20 AS build\nRUN npm run build\nFROM nginx:1.27-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    'FROM python:3.12-alpine AS build\nFROM python:3.12-alpine\nCOPY --from=build /root/.local /root/.local\n'
  ],
  invalid: [
    { code: 'FROM python:3.12 AS build\nRUN pip install --user x\nFROM python:3.12-alpine\nCOPY --from=build /root/.local /root/.local\n', lines: [4] },
    { code: 'FROM node:20-alpine AS deps\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app/node_modules ./node_modules\n', lines: [4] },
    { code: 'FROM golang:1.22 AS build\nRUN go build -o /go/bin/app\nFROM alpine:3.20\nCOPY --from=build /go/bin/app /app\n', lines: [4] }
  ]
});
