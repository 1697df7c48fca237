import { rule } from '../../../src/lint/rules/trusted-registry';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: 'FROM debian:12\n', ctx: { trustedRegistries: ['docker.io'] } },
    { code: 'FROM ghcr.io/acme/base:1\nFROM base', ctx: {} },
    { code: 'FROM ghcr.io/acme/base:1 AS base\nFROM base', ctx: { trustedRegistries: ['ghcr.io'] } }
  ],
  invalid: [
    { code: 'FROM ghcr.io/acme/base:1', ctx: { trustedRegistries: ['docker.io'] }, lines: [1], aliases: ['DL3026'] },
    { code: 'FROM debian:12\nCOPY --from=quay.io/x/y:1 /a /a', ctx: { trustedRegistries: ['*.example.com', 'docker.io'] }, lines: [2], aliases: ['DL3026'] }
  ]
});

hadolintSpecCases('DL3026');
