import { rule } from '../../../src/lint/rules/apt-get-yes';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl',
    'FROM debian:12\nRUN apt-get -qq install curl',
    'FROM debian:12\nRUN apt-get install --assume-yes curl && apt-get install --yes git',
    'FROM debian:12\nRUN yes | apt-get install curl',
    'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl',
    'FROM debian:12\nRUN apt-get update'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install curl', lines: [2], aliases: ['DL3014'] },
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && apt-get install git', lines: [2] },
    { code: 'FROM debian:12\nRUN apt install curl\nRUN apt-get install \\\n  --no-install-recommends git', lines: [2, 3] },
    { code: 'FROM debian:12\nRUN sudo apt-get install make', lines: [2] }
  ]
});

hadolintSpecCases('DL3014');
