import { rule } from '../../../src/lint/rules/multiple-healthcheck';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    "FROM debian:12\nHEALTHCHECK CMD [\"true\"]",
    "FROM debian:12\nHEALTHCHECK CMD [\"a\"]\nFROM debian:12\nHEALTHCHECK CMD [\"b\"]"
  ],
  invalid: [
    { code: "FROM debian:12\nHEALTHCHECK CMD [\"a\"]\nHEALTHCHECK CMD [\"b\"]", lines: [3], aliases: ['DL3012'] }
  ]
});

hadolintSpecCases('DL3012');
