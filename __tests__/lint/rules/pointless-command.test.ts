import { rule } from '../../../src/lint/rules/pointless-command';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y openssh-client',
    'FROM debian:12\nRUN echo ps'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN apt-get update\nRUN service nginx start', lines: [3], aliases: ['DL3001'] },
    { code: 'FROM debian:12\nONBUILD RUN top', lines: [2], aliases: ['DL3001'] }
  ]
});

hadolintSpecCases('DL3001');
