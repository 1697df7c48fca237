import { rule } from '../../../src/lint/rules/yarn-cache-clean';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN yarn install && yarn cache clean',
    'FROM debian:12\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install',
    'FROM node:22 AS build\nRUN yarn install\nFROM nginx:1.27\nCOPY --from=build /app /app'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN yarn install', lines: [2], aliases: ['DL3060'] },
    { code: 'FROM debian:12\nRUN yarn cache clean && yarn install', lines: [2], aliases: ['DL3060'] }
  ]
});

hadolintSpecCases('DL3060', {
  'DL3060Spec.hs:96': 'ONBUILD RUN in a stage nothing ships or builds FROM: stageguard checks the shipped stages only'
});
