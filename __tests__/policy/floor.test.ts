import type { FailOn } from '../../src/config/config';
import { effectiveFailOn, type GatePolicy } from '../../src/policy/decide';
import { evaluateSizeGates } from '../../src/policy/sizeGates';
import type { ImageSize } from '../../src/size/types';

describe('effectiveFailOn: the workflow input as a floor', () => {
  it.each<[FailOn, FailOn | undefined, GatePolicy | undefined, FailOn]>([
    ['error', 'none', 'floor', 'error'],
    ['warning', 'error', 'floor', 'warning'],
    ['error', 'warning', 'floor', 'warning'],
    ['none', 'style', 'floor', 'style'],
    ['error', undefined, 'floor', 'error'],
    ['error', 'none', 'trust-config', 'none'],
    ['warning', 'info', 'trust-config', 'info'],
    ['error', 'none', undefined, 'error']
  ])('input %s, config %s, %s → %s', (input, config, policy, expected) => {
    expect(effectiveFailOn(input, config, policy)).toBe(expected);
  });
});

describe('a per-image budget under a floor', () => {
  const image = (o: Partial<ImageSize>): ImageSize =>
    ({ dockerfile: 'app/Dockerfile', target: 'final', final: true, image: 'app', compressed: 5_000_000, uncompressed: 9_000_000, wasted: 0, base: null, delta: null, layers: [], findings: [], ...o }) as unknown as ImageSize;
  const gates = (s: ImageSize, o: { maxSize?: string; own?: string; floor: boolean }) =>
    evaluateSizeGates([s], { metric: 'compressed', maxSize: o.maxSize, perImageMaxSize: o.own ? { 'app/Dockerfile': o.own } : {}, floor: o.floor }).map(g => g.message);

  it.each<[string, ImageSize, { maxSize?: string; own?: string; floor: boolean }, RegExp | null]>([
    ["cannot raise the workflow's max-size", image({}), { maxSize: '1MB', own: '100TB', floor: true }, /over its budget of 1\.00 MB \(max-size 1MB; the config's app\/Dockerfile: 100TB cannot raise the workflow's budget\)/],
    ['can lower it', image({}), { maxSize: '100MB', own: '1MB', floor: true }, /over its budget of 1\.00 MB \(app\/Dockerfile: 1MB\)/],
    ['passes under both', image({}), { maxSize: '10MB', own: '8MB', floor: true }, null],
    ['raises it when the workflow trusts the config', image({}), { maxSize: '1MB', own: '100TB', floor: false }, null],
    ["is a builder stage's own budget (the global one never applies to builders)", image({ final: false }), { maxSize: '1MB', own: '100TB', floor: true }, null]
  ])('%s', (_name, s, o, expected) => {
    const out = gates(s, o);
    if (expected === null) expect(out).toEqual([]);
    else expect(out).toEqual([expect.stringMatching(expected)]);
  });
});
