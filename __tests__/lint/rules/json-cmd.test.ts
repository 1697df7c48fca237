import { rule } from '../../../src/lint/rules/json-cmd';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nCMD ["httpd", "-f"]',
    'FROM busybox:1\nENTRYPOINT ["/entrypoint.sh"]\nCMD ["serve"]',
    'FROM busybox:1\nCMD []',
    'FROM busybox:1\nRUN echo shell form is fine for RUN'
  ],
  invalid: [
    { code: 'FROM busybox:1\nCMD httpd -f', lines: [2], aliases: ['DL3025'] },
    { code: 'FROM busybox:1\nENTRYPOINT /entrypoint.sh\nCMD ["x"]', lines: [2] },
    { code: "FROM busybox:1\nCMD ['httpd', '-f']", lines: [2] },
    { code: 'FROM busybox:1\nENTRYPOINT exec app \\\n  --flag\nCMD run', lines: [2, 4] }
  ]
});

hadolintSpecCases('DL3025');
