import { rule } from '../../../src/lint/rules/absolute-workdir';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nWORKDIR /app',
    'FROM busybox:1\nWORKDIR "/srv/my app"',
    'FROM busybox:1\nARG HOME=/root\nWORKDIR $HOME/app',
    'FROM busybox:1\nWORKDIR ${APP_DIR:-/app}',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app'
  ],
  invalid: [
    { code: 'FROM busybox:1\nWORKDIR app', lines: [2], aliases: ['DL3000'] },
    { code: 'FROM busybox:1\nWORKDIR /app\nWORKDIR src', lines: [3] },
    { code: 'FROM busybox:1\nWORKDIR ./build\nFROM busybox:1\nWORKDIR "data"', lines: [2, 4] },
    { code: 'FROM busybox:1\nWORKDIR ~/app', lines: [2] }
  ]
});

hadolintSpecCases('DL3000');
