import { rule } from '../../../src/lint/rules/npm-pin-versions';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12\nRUN npm install express@4.21.2',
    'FROM debian:12\nRUN npm ci',
    'FROM debian:12\nRUN npm install'
  ],
  invalid: [
    { code: 'FROM debian:12\nRUN npm install express', lines: [2], aliases: ['DL3016'] },
    { code: 'FROM debian:12\nRUN npm install --registry https://r.example express@1 lodash', lines: [2], aliases: ['DL3016'] }
  ]
});

hadolintSpecCases('DL3016');
