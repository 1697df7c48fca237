import { rule } from '../../../src/lint/rules/gem-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN gem install rails:7.2.1',
    'FROM debian:12\nRUN gem install rails -v 7.2.1'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN gem install rails', lines: [2], aliases: ['DL3028'] }
  ]
});

hadolintSpecCases('DL3028');
