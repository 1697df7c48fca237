import { invalidPort, rule } from '../../../src/lint/rules/valid-expose-port';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nEXPOSE 80',
    'FROM busybox:1\nEXPOSE 80/tcp 53/udp 65535',
    'FROM busybox:1\nEXPOSE 8000-8010/tcp',
    'FROM busybox:1\nARG PORT=8080\nEXPOSE $PORT ${ADMIN_PORT}/udp'
  ],
  invalid: [
    { code: 'FROM busybox:1\nEXPOSE 65536', lines: [2], aliases: ['DL3011'] },
    { code: 'FROM busybox:1\nEXPOSE 80 99999/udp 70000', lines: [2, 2] },
    { code: 'FROM busybox:1\nEXPOSE 8000-70000\nEXPOSE http', lines: [2, 3] },
    { code: 'FROM busybox:1\nEXPOSE 9000-8000', lines: [2] }
  ]
});

describe('invalidPort', () => {
  test.each([
    ['80', false],
    ['80/TCP', false],
    ['0', false],
    ['65536', true],
    ['80/http', true],
    ['-1', true]
  ])('sees %s as invalid: %s', (word, expected) => {
    expect(invalidPort(word) !== undefined).toBe(expected);
  });
});

hadolintSpecCases('DL3011');
