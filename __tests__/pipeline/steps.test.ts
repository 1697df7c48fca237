import { build } from '../../src/pipeline/build';
import { compare } from '../../src/pipeline/compare';
import { configFilesChanged } from '../../src/pipeline/find';
import { Notes } from '../../src/pipeline/notes';
import type { PipelineOptions } from '../../src/pipeline/options';
import { emptyConfig } from '../../src/config/config';
import { decide } from '../../src/policy/decide';
import { summarize } from '../../src/lint/engine';
import { silentLogger } from '../../src/log';
import { pipelineOptions } from '../support/pipelineOptions';
import { finding, image, lintReport } from '../report/fixtures';
import type { ImageSize } from '../../src/size/types';

const measured = (mb: number, target = 'final', final = true): ImageSize => {
  const { base: _b, delta: _d, baseStatus: _s, layerDiff: _l, savings: _v, ...rest } = image('app/Dockerfile', target, mb, null);
  return { ...rest, base: null, delta: null, final };
};

describe('the compare step', () => {
  it.each([
    ['no base asked for', { kind: 'not-compared' as const }, 'not-compared'],
    ['a base that could not be had at all', { kind: 'none' as const }, 'no-baseline'],
    ['a target the base could not build', { kind: 'measured' as const, sizes: [], missing: new Set(['app/Dockerfile#final']) }, 'no-baseline'],
    ['a target the base does not have', { kind: 'measured' as const, sizes: [], missing: new Set<string>() }, 'new']
  ])('marks the image for %s', (_name, base, status) => {
    const [s] = compare([measured(100)], base);
    expect(s.baseStatus).toBe(status);
    expect(s.delta).toBeNull();
  });

  it('gives the byte delta against the same target at the base, and keeps base-only targets as deleted', () => {
    const base = [measured(90), measured(50, 'gone', false)];
    const sizes = compare([measured(100)], { kind: 'measured', sizes: base, missing: new Set() });
    expect(sizes.map(s => [s.target, s.baseStatus])).toEqual([
      ['final', 'compared'],
      ['gone', 'deleted']
    ]);
    expect(sizes[0].delta).toEqual({ compressed: measured(100).compressed - measured(90).compressed, uncompressed: 10_000_000 });
  });

  it('puts the multi-stage savings on the shipped image only', () => {
    const sizes = compare([measured(400, 'builder', false), measured(100)], { kind: 'not-compared' });
    expect(sizes[0].savings).toBeUndefined();
    expect(sizes[1].savings).toMatchObject({ biggestBuildStage: 'builder', savedBytes: 300_000_000 });
  });
});

describe('the decide step', () => {
  const budgets = { metric: 'uncompressed' as const };
  it('holds only shipped images to image findings, and gates them at fail-on', () => {
    const builder = { ...measured(400, 'builder', false), findings: [finding('image-build-tools', 'error', 1, 'gcc in the image')] };
    const final = { ...measured(100), findings: [finding('image-caches', 'warning', 1, 'apt lists left')] };
    const d = decide({ lint: summarize([]), builds: [], sizes: [builder, final], config: null, failOn: 'warning', budgets, errors: [] });
    expect(d.imageFindings.map(f => f.finding.rule)).toEqual(['image-caches']);
    expect(d.gates.map(g => g.kind)).toEqual(['lint']);
    expect(d.verdict).toEqual({ failed: true, reasons: ['1 findings at or above warning'] });
  });

  it('takes per-image budgets from the config and names a bad budget value as an error, without throwing', () => {
    const config = { ...emptyConfig(), dockerfiles: { 'app/Dockerfile': { maxSize: '50MB' } } };
    const over = decide({ lint: summarize([]), builds: [], sizes: [measured(100)], config, failOn: 'error', budgets, errors: [] });
    expect(over.gates.map(g => g.kind)).toEqual(['max-size']);
    const bad = decide({ lint: summarize([]), builds: [], sizes: [measured(100)], config: null, failOn: 'error', budgets: { ...budgets, maxSize: 'lots' }, errors: [] });
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatch(/max-size/);
    expect(bad.verdict.failed).toBe(true);
  });

  it('passes a clean run', () => {
    const d = decide({ lint: lintReport([{ path: 'app/Dockerfile' }]), builds: [], sizes: [measured(100)], config: null, failOn: 'error', budgets, errors: [] });
    expect(d.verdict).toEqual({ failed: false, reasons: [] });
  });
});

describe('the build step', () => {
  const options = (over: Partial<PipelineOptions>): PipelineOptions => pipelineOptions({ cwd: '/nonexistent', failOn: 'error', ...over });
  it('is skipped, and says so, when building is off', async () => {
    const notes = new Notes(silentLogger);
    const built = await build(options({ build: false }), { config: emptyConfig(), files: [], configChanges: [] }, { lint: summarize([]), models: [], baseModels: new Map() }, notes);
    expect(built).toMatchObject({ engine: false, builds: [], plans: [] });
    expect(notes.skipped).toEqual(['Build and size were skipped: building is turned off (input `build: false`, or `--no-build`).']);
  });
  it('does nothing, and needs no engine, when no Dockerfile parsed cleanly', async () => {
    const notes = new Notes(silentLogger);
    const built = await build(options({}), { config: emptyConfig(), files: ['Dockerfile'], configChanges: [] }, { lint: summarize([]), models: [], baseModels: new Map() }, notes);
    expect(built.engine).toBe(false);
    expect(notes.skipped).toEqual([]);
  });
});

describe('configFilesChanged', () => {
  it.each<[string[], string[], string[]]>([
    [['app/Dockerfile', '.hadolint.yaml'], ['.hadolint.yaml', '.hadolint.yml', '.stageguard.yml', '.stageguard.yaml'], ['.hadolint.yaml']],
    [['ci/stageguard.yml'], ['.hadolint.yaml', '.hadolint.yml', 'ci/stageguard.yml'], ['ci/stageguard.yml']],
    [['sub/.stageguard.yml'], ['.hadolint.yaml', '.hadolint.yml', '.stageguard.yml', '.stageguard.yaml'], []]
  ])('%j of %j', (changed, names, expected) => {
    expect(configFilesChanged(changed, names)).toEqual(expected);
  });
});
