import { rule } from '../../../src/lint/rules/from-platform-flag-const-disallowed';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testFromPlatformFlagConstDisallowed
ruleCases(rule, {
  valid: [
    '\nFROM --platform=linux/amd64 scratch AS my_amd64_stage\n',
    '\nFROM --platform=linux/amd64 scratch AS linux\n',
    'FROM --platform=$BUILDPLATFORM scratch'
  ],
  invalid: [
    { code: '\nFROM --platform=linux/amd64 scratch\n', lines: [2], aliases: ['FromPlatformFlagConstDisallowed'] },
    { code: 'FROM --platform=linux/arm64 scratch AS build', lines: [1] },
    { code: 'FROM --platform=linux/arm64 scratch AS build-aarch64', lines: [1], name: 'the name must contain the architecture as containerd spells it' }
  ]
});
