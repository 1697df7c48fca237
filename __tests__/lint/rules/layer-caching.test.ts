import { rule } from '../../../src/lint/rules/layer-caching';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\n',
    'FROM node:20-slim\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n',
    'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nRUN pip install .\n',
    'FROM golang:1.22 AS b\nCOPY . .\nFROM golang:1.22\nRUN go mod download\n'
  ],
  invalid: [
    { code: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\n', lines: [3] },
    { code: 'FROM node:20-slim\nCOPY . /app\nRUN npm install\n', lines: [2] },
    { code: 'FROM golang:1.22\nCOPY ./ ./\nRUN go mod download && go build\n', lines: [2] },
    { code: 'FROM ruby:3.3-slim\nADD . /app\nRUN bundle install\n', lines: [2] }
  ]
});
