import { rule } from '../../../src/lint/rules/apt-no-install-recommends';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl',
    'FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl',
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y',
    'FROM debian:12\nRUN apt-get -y install --no-install-recommends=true curl'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y curl', lines: [2], aliases: ['DL3015'] },
    { code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl && apt-get install -y git', lines: [2] },
    { code: 'FROM debian:12\nRUN apt install -y curl\nFROM debian:12\nRUN apt-get -o APT::Install-Recommends=true install -y x', lines: [2, 4] }
  ]
});

hadolintSpecCases('DL3015');
