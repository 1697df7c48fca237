import type { Finding, LintReport } from '../../src/lint/rule';
import type { Report } from '../../src/report/types';
import type { ImageSize } from '../../src/size/types';

export const HEAD = '3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a';

export function finding(rule: string, severity: Finding['severity'], line: number, message: string, aliases: string[] = []): Finding {
  return { rule, aliases, severity, line, column: 1, endLine: line, endColumn: 20, stage: 0, message };
}

const SCORE = ['multi-stage', 'slim-base', 'non-root-user', 'layer-caching', 'healthcheck', 'pip-no-cache-dir', 'copy-from-stage'];

export function lintReport(files: { path: string; failed?: string[]; violations?: Finding[] }[]): LintReport {
  const out = files.map(f => ({
    path: f.path,
    stages: [
      { index: 0, name: 'builder', base: 'python:3.12' },
      { index: 1, name: 'final', base: 'python:3.12-slim' }
    ],
    scorecard: SCORE.map(check => ({ check, passed: !(f.failed ?? []).includes(check), detail: (f.failed ?? []).includes(check) ? `${check} failed here` : '' })),
    violations: f.violations ?? []
  }));
  const all = out.flatMap(f => f.violations);
  const by = { error: 0, warning: 0, info: 0, style: 0 };
  for (const v of all) by[v.severity]++;
  return { files: out, summary: { files: out.length, violations: all.length, bySeverity: by } };
}

export function image(dockerfile: string, target: string, mb: number, baseMb: number | null): ImageSize {
  const pr = Math.round(mb * 1e6);
  const base = baseMb === null ? null : Math.round(baseMb * 1e6);
  return {
    dockerfile,
    target,
    image: `stageguard/${target}:pr`,
    compressed: Math.round(pr * 0.4),
    uncompressed: pr,
    layers: [
      { instruction: 'base image', line: null, compressed: 1_000_000, uncompressed: 2_500_000 },
      { instruction: 'RUN pip install --no-cache-dir -r requirements.txt', line: 9, compressed: Math.round(pr * 0.3), uncompressed: Math.round(pr * 0.7) }
    ],
    breakdown: { base: 2_500_000, osPackages: 1_200_000, dependencies: Math.round(pr * 0.6), code: 300_000, other: 0 },
    wasted: 120_000,
    efficiency: 0.97,
    findings: [],
    base: base === null ? null : { compressed: Math.round(base * 0.4), uncompressed: base },
    delta: base === null ? null : { compressed: Math.round(pr * 0.4) - Math.round(base * 0.4), uncompressed: pr - base },
    baseStatus: base === null ? 'new' : 'compared',
    largest: [{ path: '/usr/local/lib/python3.12/site-packages/numpy', bytes: 31_000_000, kind: 'dir' }],
    layerDiff:
      base === null
        ? []
        : [
            { instruction: 'base image', change: 'same', base: 2_500_000, pr: 2_500_000 },
            { instruction: 'RUN pip install --no-cache-dir -r requirements.txt', change: pr > base ? 'grew' : 'shrank', base: base - 2_500_000, pr: pr - 2_500_000 }
          ],
    savings: { biggestBuildStage: 'builder', biggestBuildStageBytes: pr * 4, savedBytes: pr * 3, percent: 75 }
  };
}

/** A realistic passing run: two Dockerfiles, two targets built with cache hits, sizes compared with main. */
export function passingReport(): Report {
  return {
    tool: { name: 'stageguard', version: '0.1.0' },
    context: { repository: 'acme/shop', pullNumber: 42, headSha: HEAD, baseRef: 'main', headRef: 'feature/slim', serverUrl: 'https://github.com', eventName: 'pull_request' },
    lint: lintReport([
      { path: 'api/Dockerfile', violations: [finding('apt-pin-versions', 'info', 4, 'Pin versions in apt-get install: curl', ['DL3008'])] },
      { path: 'web/Dockerfile', failed: ['healthcheck'], violations: [finding('healthcheck', 'warning', 12, 'The final stage has no HEALTHCHECK', ['DL3057'])] }
    ]),
    builds: [
      { dockerfile: 'api/Dockerfile', target: 'final', ok: true, seconds: 12.4, image: 'stageguard/final:pr', steps: { total: 9, cached: 7, executed: 2 }, cacheFrom: [{ ref: 'localhost:5000/acme/shop/cache:api-final-feature-slim', hit: false }, { ref: 'localhost:5000/acme/shop/cache:api-final-main', hit: true }], cacheTo: 'localhost:5000/acme/shop/cache:api-final-feature-slim', error: null },
      { dockerfile: 'web/Dockerfile', target: 'web', ok: true, seconds: 3.1, image: 'stageguard/web:pr', steps: { total: 6, cached: 6, executed: 0 }, cacheFrom: [{ ref: 'localhost:5000/acme/shop/cache:web-web-feature-slim', hit: true }], cacheTo: null, error: null }
    ],
    buildCommands: [
      'docker buildx build --target final --cache-from type=registry,ref=localhost:5000/acme/shop/cache:api-final-main -f api/Dockerfile api',
      'docker buildx build --target web -f web/Dockerfile web'
    ],
    sizes: [image('api/Dockerfile', 'final', 48.2, 51.0), image('web/Dockerfile', 'web', 12.0, null)],
    imageFindings: [],
    gates: [],
    skipped: [],
    warnings: [],
    verdict: { failed: false, reasons: [] }
  };
}
