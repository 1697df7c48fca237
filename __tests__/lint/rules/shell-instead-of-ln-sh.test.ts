import { rule } from '../../../src/lint/rules/shell-instead-of-ln-sh';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    "FROM debian:12\nSHELL [\"/bin/bash\", \"-c\"]",
    'FROM debian:12\nRUN ln -s /usr/bin/python3 /usr/bin/python'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh', lines: [2], aliases: ['DL4005'] }
  ]
});

hadolintSpecCases('DL4005');
