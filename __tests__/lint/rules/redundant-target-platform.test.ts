import { rule } from '../../../src/lint/rules/redundant-target-platform';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testRedundantTargetPlatform
ruleCases(rule, {
  valid: ['FROM --platform=$BUILDPLATFORM scratch', 'FROM scratch'],
  invalid: [
    { code: '\nFROM --platform=$TARGETPLATFORM scratch\n', lines: [2], aliases: ['RedundantTargetPlatform'] },
    { code: '\nFROM --platform=${TARGETPLATFORM} scratch\n', lines: [2] }
  ]
});
