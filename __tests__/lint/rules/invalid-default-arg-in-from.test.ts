import { isValidReference, rule } from '../../../src/lint/rules/invalid-default-arg-in-from';
import { ruleCases } from '../../support/ruleTester';

// Cases from BuildKit's testInvalidDefaultArgInFrom
ruleCases(rule, {
  valid: [
    '\nARG VERSION="latest"\nFROM busybox:${VERSION}\n',
    '\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n',
    '\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t',
    'ARG BASE=build\nFROM scratch AS build\nFROM ${BASE}'
  ],
  invalid: [
    { code: '\nARG VERSION\nFROM busybox:$VERSION\n', lines: [3], aliases: ['InvalidDefaultArgInFrom'] },
    { code: '\nARG IMAGE\nFROM $IMAGE\n', lines: [3] },
    { code: '\nARG SFX="box:"\nFROM busy${SFX}\n', lines: [3] }
  ]
});

describe('isValidReference', () => {
  it.each([
    ['busybox', true],
    ['busybox:1.36', true],
    ['localhost:5000/busybox:1', true],
    ['ghcr.io/org/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', true],
    ['busybox:', false],
    ['', false],
    ['Busybox', false],
    ['busy box', false]
  ])('says whether %j is an image reference (%s)', (ref, ok) => {
    expect(isValidReference(ref)).toBe(ok);
  });
});
