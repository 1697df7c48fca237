import type { Finding } from '../../src/lint/rule';
import { summarize } from '../../src/lint/engine';
import { decide } from '../../src/policy/decide';
import type { ImageSize } from '../../src/size/types';

const finding = (rule: string, fromBaseImage?: string): Finding => ({
  rule,
  aliases: [],
  severity: 'error',
  line: fromBaseImage ? 0 : 4,
  column: fromBaseImage ? 0 : 1,
  endLine: fromBaseImage ? 0 : 4,
  endColumn: fromBaseImage ? 0 : 2,
  stage: 1,
  message: `${rule} here`,
  ...(fromBaseImage ? { fromBaseImage } : {})
});

const image = (findings: Finding[]): ImageSize => ({
  dockerfile: 'app/Dockerfile',
  target: 'runtime',
  image: 'img:1',
  compressed: 1,
  uncompressed: 1,
  layers: [],
  breakdown: { base: 0, osPackages: 0, dependencies: 0, code: 0, other: 0 },
  wasted: 0,
  efficiency: 1,
  findings,
  base: null,
  delta: null,
  final: true
});

const run = (findings: Finding[], imageFindings?: 'own' | 'all') =>
  decide({ lint: summarize([]), builds: [], sizes: [image(findings)], config: null, failOn: 'error', budgets: { metric: 'compressed' }, errors: [], ...(imageFindings ? { imageFindings } : {}) });

describe('image-findings', () => {
  it.each<[string, 'own' | 'all' | undefined, Finding[], number, boolean]>([
    ['by default a base-image secret is listed and does not gate', undefined, [finding('image-secret-file', 'debian:bookworm')], 0, false],
    ['own: the Dockerfile\'s own secret gates', 'own', [finding('image-secret-file'), finding('image-secret-file', 'debian:bookworm')], 1, true],
    ['all: the base image\'s secret gates too', 'all', [finding('image-secret-file', 'debian:bookworm')], 1, true]
  ])('%s', (_name, mode, findings, gates, failed) => {
    const d = run(findings, mode);
    expect(d.imageFindings).toHaveLength(findings.length);
    expect(d.gates).toHaveLength(gates);
    expect(d.verdict.failed).toBe(failed);
  });
});
