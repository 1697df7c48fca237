import { driftLine } from '../../src/baseline/drift';
import { baseDrift, type MeasuredImage } from '../../src/baseline/step';
import type { StoredReport } from '../../src/baseline/stored';
import type { LayerAnalysis } from '../../src/size/archive';
import type { ImageSize } from '../../src/size/types';
import { formatBytes } from '../../src/size/units';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const layer = (key: string): LayerAnalysis => ({ key, compressedSize: 1, uncompressedSize: 1, gzip: true, entries: [] });

function size(baseCompressed: number, own: { digest: string; compressed: number }[]): ImageSize {
  return {
    dockerfile: 'app/Dockerfile',
    target: 'runtime',
    image: 'i',
    compressed: baseCompressed + own.reduce((s, l) => s + l.compressed, 0),
    uncompressed: 0,
    layers: [{ instruction: 'base image', line: 1, compressed: baseCompressed, uncompressed: baseCompressed * 2 }, ...own.map(l => ({ instruction: 'COPY x /x', line: 2, compressed: l.compressed, uncompressed: l.compressed * 2, digest: l.digest }))],
    breakdown: { base: 0, osPackages: 0, dependencies: 0, code: 0, other: 0 },
    wasted: 0,
    efficiency: 1,
    findings: [],
    base: null,
    delta: null
  };
}

function stored(baseLayers: string[], s: ImageSize): StoredReport {
  return {
    schema: 1,
    tool: { name: 'stageguard', version: '0.1.0' },
    branch: 'main',
    sha: '0'.repeat(40),
    created: '',
    inputs: { buildArgs: '', platform: null },
    dockerfiles: [],
    targets: [],
    sizes: [s],
    baseImages: [{ dockerfile: 'app/Dockerfile', target: 'runtime', from: 'python:3.12-slim', layers: baseLayers }],
    layers: {},
    lint: { files: [], summary: { files: 0, violations: 0, bySeverity: { error: 0, warning: 0, info: 0, style: 0 } } }
  };
}

describe('a base image that moved since the stored report', () => {
  const report = stored([d('a')], size(50_000_000, [{ digest: d('c'), compressed: 1_000_000 }]));

  it('is named with the bytes its move accounts for', () => {
    const pr: MeasuredImage = { size: size(60_000_000, [{ digest: d('e'), compressed: 3_000_000 }]), layers: [layer(d('b')), layer(d('e'))] };
    const drift = baseDrift(report, [pr]);
    expect([...drift.entries()]).toEqual([['app/Dockerfile#runtime', { from: 'python:3.12-slim', before: [d('a')], after: [d('b')], compressed: 10_000_000, uncompressed: 20_000_000 }]]);
    expect(driftLine(12_000_000, drift.get('app/Dockerfile#runtime')!, formatBytes)).toBe(
      `+${formatBytes(12_000_000)}: +${formatBytes(10_000_000)} from python:3.12-slim moving (sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…), +${formatBytes(2_000_000)} from this PR`
    );
  });

  it('is not reported when the base layers are the same', () => {
    const pr: MeasuredImage = { size: size(50_000_000, [{ digest: d('e'), compressed: 3_000_000 }]), layers: [layer(d('a')), layer(d('e'))] };
    expect(baseDrift(report, [pr]).size).toBe(0);
  });

  it('follows a Dockerfile the PR renamed to its old path', () => {
    const renamed = { ...size(60_000_000, [{ digest: d('e'), compressed: 1 }]), dockerfile: 'svc/Dockerfile' };
    const pr: MeasuredImage = { size: renamed, layers: [layer(d('b')), layer(d('e'))] };
    expect([...baseDrift(report, [pr], { 'svc/Dockerfile': 'app/Dockerfile' }).keys()]).toEqual(['svc/Dockerfile#runtime']);
  });

  it('says a shrinking base and a growing PR apart', () => {
    const line = driftLine(-1_000_000, { from: 'debian:bookworm', before: [d('a')], after: [d('b')], compressed: -3_000_000, uncompressed: 0 }, formatBytes);
    expect(line).toBe(`-${formatBytes(1_000_000)}: -${formatBytes(3_000_000)} from debian:bookworm moving (sha256:aaaaaaaaaaaa… → sha256:bbbbbbbbbbbb…), +${formatBytes(2_000_000)} from this PR`);
  });
});
