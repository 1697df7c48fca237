import { rule } from '../../../src/lint/rules/apt-lists-cleanup';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl',
    'FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /out /out',
    'FROM debian:12\nRUN apt-get install -y ./x.deb',
    'FROM debian:13\nRUN set -eux; apt-get update; apt-get install -y curl; apt-get dist-clean',
    'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl \\\n && apt-get clean \\\n && rm -rf /var/lib/apt/lists'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl', lines: [2], aliases: ['DL3009'] },
    { code: 'FROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN apt-get update && rm -rf /var/lib/apt/lists/*', lines: [2] },
    { code: 'FROM debian:12 AS build\nRUN apt-get update\nFROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*', lines: [4] },
    { code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl', lines: [2] }
  ]
});

hadolintSpecCases('DL3009', {
  'DL3009Spec.hs:31': 'ONBUILD RUN in a stage nothing ships or builds FROM: stageguard checks the shipped stages only',
  'DL3009Spec.hs:71': 'ONBUILD RUN in a stage nothing ships or builds FROM: stageguard checks the shipped stages only'
});
