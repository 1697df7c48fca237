import { rule } from '../../../src/lint/rules/copy-relative-dest-without-workdir';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nWORKDIR /app\nCOPY . .',
    'FROM busybox:1\nCOPY app.py /app/',
    'FROM busybox:1 AS base\nWORKDIR /app\nFROM base\nCOPY app.py .',
    'FROM busybox:1\nARG DEST=/opt\nCOPY x $DEST/',
    'FROM busybox:1\nCOPY ["a b", "/dest dir/"]',
    'FROM busybox:1\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF'
  ],
  invalid: [
    { code: 'FROM busybox:1\nCOPY . .', lines: [2], aliases: ['DL3045'] },
    { code: 'FROM busybox:1\nCOPY app.py app/\nWORKDIR /app\nCOPY a.py .', lines: [2] },
    { code: 'FROM busybox:1 AS a\nWORKDIR /app\nFROM busybox:1\nCOPY --from=a /app/x x', lines: [4] },
    { code: 'FROM busybox:1\nCOPY <<EOF app.conf\nkey=value\nEOF', lines: [2] }
  ]
});

hadolintSpecCases('DL3045');
