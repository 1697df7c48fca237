import { rule, shellState } from '../../../src/lint/rules/pipefail';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nRUN a || b',
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl x | tar xz',
    'FROM debian:12\nRUN set -o pipefail && curl x | tar xz',
    'FROM debian:12\nRUN bash <<EOF\nset -o pipefail\ncurl x | tar xz\nEOF',
    'FROM debian:12\nRUN bash -o pipefail <<EOF\ncurl x | tar xz\nEOF',
    'FROM debian:12\nRUN python3 <<EOF\nprint("a | b")\nEOF',
    'FROM debian:12\nRUN ["sh", "-c", "a | b"]',
    'FROM debian:12\nRUN echo "a | b" && bash -o pipefail -c "a | b"',
    'FROM debian:12 AS base\nSHELL ["/bin/bash", "-euxo", "pipefail", "-c"]\nFROM base\nRUN a | b',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN type a | findstr b',
    'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Select-Object y'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN curl x | tar xz', lines: [2], aliases: ['DL4006'] },
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN a | b', lines: [3] },
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN a | b', lines: [4] },
    { code: 'FROM debian:12\nRUN a | b && set -o pipefail\nRUN <<EOF\nwget -O- x | sh\nEOF', lines: [2, 3] },
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nSHELL ["/bin/sh", "-c"]\nRUN a | b', lines: [4] },
    { code: 'FROM debian:12\nRUN bash <<EOF\ncurl -fsSL x | tar xz\nEOF', lines: [2], name: 'a pipe in a here-document run by bash' },
    { code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN bash <<EOF\ncurl x | sh\nEOF', lines: [3], name: 'the SHELL pipefail does not reach the bash started for the here-document' }
  ]
});

describe('shellState', () => {
  test.each([
    [['/bin/bash', '-o', 'pipefail', '-c'], 'pipefail'],
    [['bash', '-eo', 'pipefail', '-c'], 'pipefail'],
    [['/bin/ash', '-o', 'pipefail', '-c'], 'pipefail'],
    [['/bin/sh', '-c'], 'default'],
    [['/bin/bash', '-c', 'pipefail'], 'default'],
    [['powershell', '-Command'], 'non-posix'],
    [['cmd', '/S', '/C'], 'non-posix']
  ])('gives SHELL %j the state %s', (argv, expected) => {
    expect(shellState(argv)).toBe(expected);
  });
});

hadolintSpecCases('DL4006');
