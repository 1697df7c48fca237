import { rule } from '../../../src/lint/rules/onbuild-trigger-forbidden';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nONBUILD RUN make'
  ],
  invalid: [
    { code: 'FROM debian:12\nONBUILD FROM debian:12', lines: [2], aliases: ['DL3043'] },
    { code: 'FROM debian:12\nONBUILD MAINTAINER me', lines: [2], aliases: ['DL3043'] }
  ]
});

hadolintSpecCases('DL3043');
