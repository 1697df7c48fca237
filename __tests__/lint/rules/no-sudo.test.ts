import { rule } from '../../../src/lint/rules/no-sudo';
import { ruleCases } from '../../support/ruleTester';
import { hadolintSpecCases } from '../../support/hadolintSpec';

ruleCases(rule, {
  valid: [
    'FROM busybox:1\nRUN apt-get update',
    'FROM busybox:1\nRUN echo sudo',
    'FROM busybox:1\nRUN gosu app ls',
    'FROM busybox:1\nRUN apt-get install -y pseudo'
  ],
  invalid: [
    { code: 'FROM busybox:1\nRUN sudo apt-get update', lines: [2], aliases: ['DL3004'] },
    { code: 'FROM busybox:1\nUSER app\nRUN ls && sudo -E make install', lines: [3] },
    { code: 'FROM busybox:1\nRUN /usr/bin/sudo ls\nRUN sudo', lines: [2, 3] },
    { code: "FROM busybox:1\nRUN sh -c 'sudo rm -rf /x'", lines: [2] }
  ]
});

hadolintSpecCases('DL3004');
