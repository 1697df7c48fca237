import { rule } from '../../../src/lint/rules/apt-pin-versions';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10',
    'FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl=8.0 ./local.deb',
    'FROM debian:12\nRUN apt-get install -y curl/bookworm-backports',
    'FROM debian:12\nRUN apt-get install -y $PACKAGES',
    'FROM debian:12\nRUN apt-get update && apt-get upgrade -y'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get install -y curl', lines: [2], aliases: ['DL3008'] },
    { code: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n    curl=7.88 \\\n    git', lines: [2] },
    { code: 'FROM debian:12\nRUN apt install -y curl\nRUN DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Use-Pty=0 install -y git', lines: [2, 3] },
    { code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y make\nEOF', lines: [2] }
  ]
});

it('is an info finding by default', () => {
  expect(rule.severity).toBe('info');
});

hadolintSpecCases('DL3008');
