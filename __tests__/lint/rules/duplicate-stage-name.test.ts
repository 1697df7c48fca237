import { rule } from '../../../src/lint/rules/duplicate-stage-name';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1 AS a\nFROM busybox:1 AS b',
    'FROM busybox:1\nFROM busybox:1',
    'FROM busybox:1 AS build\nFROM build AS build-2'
  ],
  invalid: [
    { code: 'FROM busybox:1 AS a\nFROM busybox:1 AS a', lines: [2], aliases: ['DL3024', 'DuplicateStageName'] },
    { code: 'FROM busybox:1 AS build\nFROM busybox:1 AS BUILD', lines: [2] },
    { code: 'FROM busybox:1 AS x\nFROM busybox:1 AS x\nFROM busybox:1 AS y\nFROM busybox:1 AS x', lines: [2, 4] }
  ]
});

hadolintSpecCases('DL3024');
