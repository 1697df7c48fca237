import { rule } from '../../../src/lint/rules/multi-stage';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static\nCOPY --from=build /app /app\n',
    'FROM python:3.12-slim\nRUN pip install --no-cache-dir flask\n',
    'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n'
  ],
  invalid: [
    { code: 'FROM golang:1.22\nRUN go build -o /app .\n', lines: [1] },
    { code: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y gcc make\n', lines: [2] },
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN apk add --no-cache openssl-dev\n', lines: [3] },
    { code: 'FROM node:20-slim\nCOPY . .\nRUN npm ci \\\n && npm run build\n', lines: [3] },
    { code: 'FROM python:3.12\nCOPY . .\n', lines: [1] }
  ]
});
