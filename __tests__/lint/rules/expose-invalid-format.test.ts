import { rule } from '../../../src/lint/rules/expose-invalid-format';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testExposeInvalidFormat
ruleCases(rule, {
  valid: ['FROM scratch\nEXPOSE 8000 80/tcp', 'FROM scratch\nARG P=80\nEXPOSE ${P}'],
  invalid: [{ code: '\nFROM scratch\nEXPOSE 127.0.0.1:80:80 [::1]:8080:8080 5000:5000 8000\n', lines: [3, 3, 3], aliases: ['ExposeInvalidFormat'] }]
});
