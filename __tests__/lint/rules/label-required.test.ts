import { rule } from '../../../src/lint/rules/label-required';
import { hadolintSpecCases } from '../../support/hadolintSpec';
import { ruleCases } from '../../support/ruleTester';

ruleCases(rule, {
  valid: [
    { code: 'FROM debian:12 AS build\nFROM debian:12\nLABEL org.opencontainers.image.source=x', ctx: { labelSchema: { 'org.opencontainers.image.source': 'text' } } },
    { code: 'FROM debian:12 AS base\nLABEL a=1\nFROM base', ctx: { labelSchema: { a: 'text' } } }
  ],
  invalid: [
    { code: 'FROM debian:12\nLABEL b=1', ctx: { labelSchema: { a: 'text' } }, lines: [1], aliases: ['DL3049'] }
  ]
});

const SHIPPED = 'every stage is asked for the labels by hadolint; stageguard asks the shipped image (the final stage and configured targets, labels inherited through FROM included)';
hadolintSpecCases('DL3049', {
  'DL3049Spec.hs:33': SHIPPED,
  'DL3049Spec.hs:43': SHIPPED,
  'DL3049Spec.hs:61': SHIPPED,
  'DL3049Spec.hs:71': SHIPPED,
  'DL3049Spec.hs:79': SHIPPED,
  'DL3049Spec.hs:107': SHIPPED,
  'DL3049Spec.hs:151': SHIPPED
});
