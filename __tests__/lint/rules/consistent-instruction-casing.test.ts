import { rule } from '../../../src/lint/rules/consistent-instruction-casing';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testConsistentInstructionCasing
ruleCases(rule, {
  valid: ['\nfrom scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n', '\nFROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n', "\nFROM alpine\nRUN <<'EOT'\nenv\nEOT\n"],
  invalid: [
    { code: '\n#\n#\nFrom scratch as base\nFROM scratch AS base2\n', lines: [4], aliases: ['ConsistentInstructionCasing'] },
    { code: '\nFROM scratch\n#\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n', lines: [4] },
    { code: '\n#\n#\nfrOM scratch as base\nfrom scratch as base2\n', lines: [4] },
    { code: '\nfrom scratch\n#\nCOPY Dockerfile /foo\ncopy Dockerfile /bar\n', lines: [4] },
    { code: '\n#\n#\nfrom scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\nCOPY Dockerfile /baz\n', lines: [4] },
    { code: '\n#\n#\nFROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\ncopy Dockerfile /baz\n', lines: [4] }
  ]
});
