import { rule } from '../../../src/lint/rules/redundant-target-platform';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

// hadolint's DL3065 and BuildKit's testRedundantTargetPlatform: one meaning, one rule with both names
ruleCases(rule, {
  valid: ['FROM --platform=$BUILDPLATFORM debian:12', 'FROM --platform=$BUILDPLATFORM scratch', 'FROM scratch'],
  invalid: [
    { code: 'FROM --platform=$TARGETPLATFORM debian:12', lines: [1], aliases: ['DL3065', 'RedundantTargetPlatform'] },
    { code: '\nFROM --platform=$TARGETPLATFORM scratch\n', lines: [2] },
    { code: '\nFROM --platform=${TARGETPLATFORM} scratch\n', lines: [2] }
  ]
});

hadolintSpecCases('DL3065');
