import { rule } from '../../../src/lint/rules/add-to-extract-archive';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nADD app.tar.gz /opt/',
    'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN echo keep it'
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt', lines: [2], aliases: ['DL3010'] }
  ]
});

hadolintSpecCases('DL3010');
