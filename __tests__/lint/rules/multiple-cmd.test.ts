import { rule } from '../../../src/lint/rules/multiple-cmd';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nCMD ["a"]',
    'FROM busybox:1\nCMD ["a"]\nFROM busybox:1\nCMD ["b"]',
    'FROM busybox:1\nENTRYPOINT ["a"]\nCMD ["b"]',
    'FROM busybox:1\nHEALTHCHECK CMD ["true"]\nCMD ["a"]'
  ],
  invalid: [
    { code: 'FROM busybox:1\nCMD ["a"]\nCMD ["b"]', lines: [3], aliases: ['DL4003'] },
    { code: 'FROM busybox:1\nCMD a\nRUN true\nCMD b\nCMD c', lines: [4, 5] },
    { code: 'FROM busybox:1\nCMD ["a"]\nFROM busybox:1\nCMD ["b"]\nCMD ["c"]', lines: [5] }
  ]
});

hadolintSpecCases('DL4003');
