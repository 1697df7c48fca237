import { rule } from '../../../src/lint/rules/copy-whole-filesystem';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    'FROM debian:12 AS build\nFROM scratch\nCOPY --from=build /out /'
  ],
  invalid: [
    { code: 'FROM debian:12 AS build\nFROM scratch\nCOPY --from=build / /', lines: [3], aliases: ['DL3067'] }
  ]
});

hadolintSpecCases('DL3067');
