import { rule } from '../../../src/lint/rules/copy-from-undefined-stage';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM busybox:1\nCOPY --from=build /app /app',
    'FROM golang:1.22 AS Build\nFROM busybox:1\nCOPY --from=build /app /app',
    'FROM golang:1.22\nFROM busybox:1\nCOPY --from=0 /app /app',
    'FROM busybox:1\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    'FROM busybox:1\nCOPY --from=ghcr.io/org/tools /bin/tool /bin/tool',
    'FROM busybox:1\nARG SRC=build\nCOPY --from=$SRC /x /x'
  ],
  invalid: [
    { code: 'FROM golang:1.22 AS build\nFROM busybox:1\nCOPY --from=biuld /app /app', lines: [3], aliases: ['DL3022'] },
    { code: 'FROM busybox:1\nCOPY --from=later /x /x\nFROM busybox:1 AS later', lines: [2] },
    { code: 'FROM busybox:1\nCOPY --from=1 /x /x\nFROM busybox:1', lines: [2] },
    { code: 'FROM busybox:1 AS a\nCOPY --from=nginx /x /x\nFROM a\nCOPY --from=b /y /y', lines: [2, 4] }
  ]
});

hadolintSpecCases('DL3022', {
  'DL3022Spec.hs:33': 'hadolint lints the fragment with no FROM at all; given a FROM, --from=0 names the stage itself, which copy-from-self reports'
});
