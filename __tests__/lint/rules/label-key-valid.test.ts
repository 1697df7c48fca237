import { rule } from '../../../src/lint/rules/label-key-valid';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    "FROM debian:12\nLABEL org.opencontainers.image.source=\"https://x.example\""
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL Foo=bar', lines: [2], aliases: ['DL3048'] },
    { code: 'FROM debian:12\nLABEL com.docker.x=1', lines: [2], aliases: ['DL3048'] }
  ]
});

hadolintSpecCases('DL3048');
