import { rule } from '../../../src/lint/rules/maintainer-deprecated';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nLABEL org.opencontainers.image.authors="me"',
    'FROM busybox:1\nLABEL maintainer="me"',
    'FROM busybox:1\n# MAINTAINER me'
  ],
  invalid: [
    { code: 'FROM busybox:1\nMAINTAINER me', lines: [2], aliases: ['DL4000', 'MaintainerDeprecated'] },
    { code: 'FROM busybox:1\nmaintainer me <me@example.com>', lines: [2] },
    { code: 'FROM busybox:1\nMAINTAINER a\nFROM busybox:1\nMAINTAINER b', lines: [2, 4] }
  ]
});

hadolintSpecCases('DL4000');
