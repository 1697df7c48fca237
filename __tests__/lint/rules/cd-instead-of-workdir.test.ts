import { rule } from '../../../src/lint/rules/cd-instead-of-workdir';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nWORKDIR /src\nRUN make',
    'FROM busybox:1\nRUN (cd /src && make) && make install',
    'FROM busybox:1\nRUN echo "cd /tmp"',
    'FROM busybox:1\nRUN DIR=$(cd /opt && pwd) && echo $DIR',
    "FROM busybox:1\nRUN sh -c 'cd /x && ls'"
  ],
  invalid: [
    { code: 'FROM busybox:1\nRUN cd /src && make', lines: [2], aliases: ['DL3003'] },
    { code: 'FROM busybox:1\nRUN wget x \\\n && cd /tmp \\\n && ls\nRUN cd /', lines: [2, 5] },
    { code: 'FROM busybox:1\nRUN <<EOF\ncd /src\nmake\nEOF', lines: [2] },
    { code: 'FROM busybox:1\nRUN if true; then cd /x; fi', lines: [2] }
  ]
});

hadolintSpecCases('DL3003');
