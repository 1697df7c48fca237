import { rule } from '../../../src/lint/rules/copy-from-self';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1 AS build\nFROM busybox:1 AS final\nCOPY --from=build /x /x',
    'FROM busybox:1 AS build\nCOPY /x /x',
    'FROM busybox:1\nFROM busybox:1\nCOPY --from=0 /x /x'
  ],
  invalid: [
    { code: 'FROM busybox:1 AS build\nCOPY --from=build /x /y', lines: [2], aliases: ['DL3023'] },
    { code: 'FROM busybox:1 AS Build\nCOPY --from=build /x /y', lines: [2] },
    { code: 'FROM busybox:1\nFROM busybox:1\nCOPY --from=1 /x /y', lines: [3] },
    { code: 'FROM busybox:1 AS a\nFROM busybox:1 AS b\nCOPY --from=a /1 /1\nCOPY --from=b /2 /2', lines: [4] }
  ]
});

hadolintSpecCases('DL3023');
