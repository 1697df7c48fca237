import { rule } from '../../../src/lint/rules/multiple-entrypoint';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nENTRYPOINT ["a"]',
    'FROM busybox:1\nENTRYPOINT ["a"]\nFROM busybox:1\nENTRYPOINT ["b"]',
    'FROM busybox:1\nENTRYPOINT ["a"]\nCMD ["b"]\nCMD ["c"]'
  ],
  invalid: [
    { code: 'FROM busybox:1\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]', lines: [3], aliases: ['DL4004'] },
    { code: 'FROM busybox:1\nENTRYPOINT a\nENTRYPOINT b\nENTRYPOINT c', lines: [3, 4] },
    { code: 'FROM busybox:1 AS x\nENTRYPOINT ["a"]\nFROM x\nENTRYPOINT ["b"]\nUSER app\nENTRYPOINT ["c"]', lines: [6] }
  ]
});

hadolintSpecCases('DL4004');
