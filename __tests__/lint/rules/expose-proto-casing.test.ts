import { rule } from '../../../src/lint/rules/expose-proto-casing';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testExposeProtoCasing
ruleCases(rule, {
  valid: ['FROM scratch\nEXPOSE 80/tcp 53/udp 8080'],
  invalid: [{ code: '\nFROM scratch\nEXPOSE 80/TcP 8080/TCP 8080/udp\n', lines: [3, 3], aliases: ['ExposeProtoCasing'] }]
});
