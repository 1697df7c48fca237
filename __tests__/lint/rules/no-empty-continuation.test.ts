import { rule } from '../../../src/lint/rules/no-empty-continuation';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testNoEmptyContinuation: reported on the instruction's last line
ruleCases(rule, {
  valid: ['FROM scratch\nCOPY Dockerfile \\\n.\n', 'FROM busybox:1\nRUN <<EOF\necho a\n\necho b\nEOF\n'],
  invalid: [{ code: '\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\nCOPY Dockerfile \\\n.\n', lines: [6], aliases: ['NoEmptyContinuation'] }]
});
