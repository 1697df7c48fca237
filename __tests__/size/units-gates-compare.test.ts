import { compareImages, diffLayers, multiStageSavings } from '../../src/size/compare';
import { evaluateSizeGates, perImageBudgets, sizeGateKinds, type SizeGateOptions } from '../../src/policy/sizeGates';
import type { ImageSize, LayerSize } from '../../src/size/types';
import { formatBytes, parseIncrease, parseSize } from '../../src/size/units';

describe('units', () => {
  it.each([
    ['150MB', 150_000_000],
    ['150MiB', 157_286_400],
    ['1.5GB', 1_500_000_000],
    ['123', 123],
    ['10 kB', 10_000],
    ['2KiB', 2048],
    ['0.5gib', 536_870_912],
    ['7b', 7]
  ])('parses the size %j as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each([
    ['', /max-size: "" is not a size/],
    ['abc', /max-size: "abc" is not a size/],
    ['-5MB', /max-size: "-5MB" is not a size/],
    ['10XB', /max-size: unknown unit "XB" in "10XB"/]
  ])('rejects the size %j with an error naming the input and the value', (text, message) => {
    expect(() => parseSize(text, 'max-size')).toThrow(message);
  });

  it.each([
    ['5%', { kind: 'percent', value: 5 }],
    ['2.5 %', { kind: 'percent', value: 2.5 }],
    ['10MB', { kind: 'bytes', value: 10_000_000 }],
    ['1MiB', { kind: 'bytes', value: 1_048_576 }]
  ])('parses the increase %j', (text, expected) => {
    expect(parseIncrease(text)).toEqual(expected);
  });

  it.each([['x%'], ['%'], ['ten']])('rejects the increase %j naming max-increase', text => {
    expect(() => parseIncrease(text)).toThrow(/max-increase: /);
  });

  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 kB'],
    [1_500_000, '1.50 MB'],
    [52_400_000, '52.4 MB'],
    [-2_100, '-2.10 kB'],
    [3_000_000_000, '3.00 GB']
  ])('formats %d bytes as %j', (n, text) => {
    expect(formatBytes(n)).toBe(text);
  });
});

const layer = (instruction: string, compressed: number): LayerSize => ({ instruction, line: null, compressed, uncompressed: compressed * 2 });
function img(over: Partial<ImageSize>): ImageSize {
  return {
    dockerfile: 'Dockerfile',
    target: 'final',
    image: 'app:pr',
    compressed: 1000,
    uncompressed: 2000,
    layers: [],
    breakdown: { base: 0, osPackages: 0, dependencies: 0, code: 0, other: 0 },
    wasted: 0,
    efficiency: 1,
    findings: [],
    base: null,
    delta: null,
    ...over
  };
}

describe('compareImages', () => {
  it('fills base, delta and the layer diff for a target on both branches, and marks new and deleted ones', () => {
    const pr = [
      img({ target: 'final', compressed: 1500, uncompressed: 3000, layers: [layer('base image', 500), layer('RUN apk add curl', 700), layer('COPY . /app', 300)] }),
      img({ target: 'tools', compressed: 10 })
    ];
    const base = [
      img({ target: 'final', compressed: 1000, uncompressed: 2000, layers: [layer('base image', 500), layer('RUN apk add git', 200), layer('RUN rm -rf /tmp', 1), layer('COPY . /app', 299)] }),
      img({ target: 'old', compressed: 400, uncompressed: 800 })
    ];
    const out = compareImages(pr, base);
    expect(out.map(o => [o.target, o.baseStatus, o.base, o.delta])).toEqual([
      ['final', 'compared', { compressed: 1000, uncompressed: 2000 }, { compressed: 500, uncompressed: 1000 }],
      ['tools', 'new', null, null],
      ['old', 'deleted', { compressed: 400, uncompressed: 800 }, { compressed: -400, uncompressed: -800 }]
    ]);
    expect(out[0].layerDiff).toEqual([
      { instruction: 'base image', change: 'same', base: 500, pr: 500 },
      { instruction: 'RUN apk add curl', change: 'grew', base: 200, pr: 700 },
      { instruction: 'RUN rm -rf /tmp', change: 'removed', base: 1, pr: null },
      { instruction: 'COPY . /app', change: 'grew', base: 299, pr: 300 }
    ]);
  });

  it('leaves an image whose base failed to build as no-baseline', () => {
    const out = compareImages([img({ baseStatus: 'no-baseline' })], [img({})]);
    expect(out[0]).toMatchObject({ baseStatus: 'no-baseline', base: null, delta: null });
  });

  it.each([
    [['RUN a', 'COPY x'], ['RUN a', 'RUN b', 'COPY x'], ['same', 'added', 'same']],
    [['RUN a', 'RUN b', 'COPY x'], ['RUN a', 'COPY x'], ['same', 'removed', 'same']],
    [['COPY x', 'COPY x'], ['COPY x'], ['same', 'removed']],
    [['RUN a'], ['COPY y'], ['added', 'removed']]
  ])('diffs the layers %j against %j as %j', (baseI, prI, changes) => {
    const d = diffLayers(baseI.map(i => layer(i, 10)), prI.map(i => layer(i, 10)));
    expect(d.map(e => e.change)).toEqual(changes);
  });

  it('measures multi-stage savings as the biggest build stage against the final image', () => {
    const sizes = [img({ target: 'build', uncompressed: 10_000 }), img({ target: 'test', uncompressed: 12_000 }), img({ target: 'final', uncompressed: 3_000 })];
    expect(multiStageSavings(sizes, 'final')).toEqual({ biggestBuildStage: 'test', biggestBuildStageBytes: 12_000, savedBytes: 9_000, percent: 75 });
    expect(multiStageSavings([img({})])).toBeNull();
  });
});

describe('evaluateSizeGates', () => {
  const compared = img({ compressed: 1_100_000, uncompressed: 3_000_000, wasted: 30_000_000, base: { compressed: 1_000_000, uncompressed: 2_000_000 }, delta: { compressed: 100_000, uncompressed: 1_000_000 }, baseStatus: 'compared' });
  const fresh = img({ target: 'new', compressed: 5_000_000, baseStatus: 'new' });
  const noBase = img({ target: 'nb', compressed: 5_000_000, base: null, delta: null, baseStatus: 'no-baseline' });
  const opts = (o: Partial<SizeGateOptions>): SizeGateOptions => ({ metric: 'compressed', ...o });

  it.each<[string, ImageSize[], SizeGateOptions, string[]]>([
    ['passes with no budgets', [compared], opts({}), []],
    ['fails max-size over the budget', [compared], opts({ maxSize: '1MB' }), ['max-size:Dockerfile (final)']],
    ['passes max-size in IEC units just under it', [compared], opts({ maxSize: '1.05MiB' }), []],
    ['fails max-increase in percent', [compared], opts({ maxIncrease: '5%' }), ['max-increase:Dockerfile (final)']],
    ['passes max-increase at 10%', [compared], opts({ maxIncrease: '10%' }), []],
    ['fails max-increase in bytes', [compared], opts({ maxIncrease: '50kB' }), ['max-increase:Dockerfile (final)']],
    ['uses the uncompressed metric when asked', [compared], opts({ maxIncrease: '60%', metric: 'uncompressed' }), []],
    ['never fails max-increase without a baseline', [fresh, noBase], opts({ maxIncrease: '0%' }), []],
    ['fails max-wasted', [compared], opts({ maxWasted: '20MB' }), ['max-wasted:Dockerfile (final)']],
    ['prefers a per-image budget', [compared, fresh], opts({ maxSize: '10MB', perImageMaxSize: { 'Dockerfile#new': '1MB' } }), ['max-size:Dockerfile (new)']],
    ['never gates a deleted target', [img({ baseStatus: 'deleted', compressed: 9e9 })], opts({ maxSize: '1MB' }), []],
    ['leaves a builder stage out of the global budgets', [{ ...compared, target: 'builder', final: false }], opts({ maxSize: '1MB', maxIncrease: '1%', maxWasted: '1MB' }), []],
    ['gates a builder stage that a per-image budget names', [{ ...compared, target: 'builder', final: false }], opts({ perImageMaxSize: { builder: '1MB' } }), ['max-size:Dockerfile (builder)']]
  ])('%s', (_name, sizes, o, expected) => {
    expect(evaluateSizeGates(sizes, o).map(g => `${g.kind}:${g.subject}`)).toEqual(expected);
  });

  it('throws on a bad budget naming the input', () => {
    expect(() => evaluateSizeGates([compared], opts({ maxSize: 'big' }))).toThrow(/max-size: "big"/);
    expect(() => evaluateSizeGates([compared], opts({ perImageMaxSize: { final: '1QB' } }))).toThrow(/max-size for final: unknown unit/);
  });
});

describe('perImageBudgets and sizeGateKinds', () => {
  it('keys the config budgets by Dockerfile and by Dockerfile#target', () => {
    expect(perImageBudgets({ 'a/Dockerfile': { maxSize: '100MB' }, 'b/Dockerfile': { maxSizeByTarget: { final: '50MB', test: '1GB' } }, 'c/Dockerfile': {} })).toEqual({
      'a/Dockerfile': '100MB',
      'b/Dockerfile#final': '50MB',
      'b/Dockerfile#test': '1GB'
    });
  });
  it.each<[Partial<SizeGateOptions>, string[]]>([
    [{}, []],
    [{ maxSize: '1MB' }, ['max-size']],
    [{ perImageMaxSize: { x: '1MB' } }, ['max-size']],
    [{ maxIncrease: '5%', maxWasted: '1MB' }, ['max-increase', 'max-wasted']]
  ])('names the kinds %j decides', (o, kinds) => {
    expect(sizeGateKinds({ metric: 'compressed', ...o })).toEqual(kinds);
  });
});
