import { summarize } from '../../src/lint/engine';
import { decide } from '../../src/policy/decide';
import { waiveSizeGates, type SizeWaiver } from '../../src/policy/waiver';
import { escapeToken } from '../../src/report/escape';
import { baseImageFindingsSection, cacheMissCell, configChangeLine, packageChangeText, packagesSection, packageSummaryLine, waiverLine } from '../../src/report/explain';
import { renderComment } from '../../src/report/markdown';
import type { PackageDiff } from '../../src/size/packages/inventory';
import { finding, image, passingReport } from './fixtures';

const diff: PackageDiff = {
  against: 'base-branch',
  added: [
    { ecosystem: 'deb', name: 'gcc-12', version: '12.2.0-14', bytes: 33_100_000 },
    { ecosystem: 'deb', name: 'cpp-12', version: '12.2.0-14', bytes: 9_800_000 },
    { ecosystem: 'npm', name: '@actions/core', version: '1.11.1', bytes: 120_000 }
  ],
  removed: [{ ecosystem: 'pypi', name: 'six', version: '1.16.0', bytes: -50_000 }],
  changed: [{ ecosystem: 'deb', name: 'libssl3', version: '3.0.20-1~deb12u2', baseVersion: '3.0.15-1~deb12u1', bytes: 10_000 }]
};

describe('escapeToken', () => {
  it.each([
    ['12.2.0-14', '12.2.0-14'],
    ['3.0.20-1~deb12u2', '3.0.20-1\\~deb12u2'],
    ['1:2.38.1-5+deb12u1', '1:2.38.1-5+deb12u1'],
    ['@actions/core', '@&#8203;actions/core'],
    ['www.evil.com', 'www&#8203;'],
    ['a*b*', 'a\\*b\\*'],
    ['<script>', '&lt;script&gt;']
  ])('renders %s as %s', (text, want) => {
    expect(escapeToken(text)).toContain(want);
  });
});

describe('packages', () => {
  it.each([
    [diff.added[0], '+33.1 MB gcc-12 12.2.0-14'],
    [diff.removed[0], '−50.0 kB six 1.16.0'],
    [diff.changed[0], '+10.0 kB libssl3 3.0.20-1\\~deb12u2 (was 3.0.15-1\\~deb12u1)']
  ])('says %j as %s', (change, want) => {
    expect(packageChangeText(change)).toBe(want);
  });

  it('names the biggest changes first in one line and counts the rest', () => {
    expect(packageSummaryLine(diff, 2)).toBe('+33.1 MB gcc-12 12.2.0-14, +9.80 MB cpp-12 12.2.0-14, and 3 more');
  });

  it('lists each shipped image\'s changes with all of them folded, and leaves builder stages out', () => {
    const shipped = { ...image('app/Dockerfile', 'runtime', 100, 90), final: true, packages: diff };
    const builder = { ...image('app/Dockerfile', 'builder', 300, 300), final: false, packages: diff };
    const s = packagesSection({ sizes: [shipped, builder] })!;
    expect(s.full).toContain('- `app/Dockerfile (runtime)` against the base branch: +33.1 MB gcc-12 12.2.0-14, +9.80 MB cpp-12 12.2.0-14');
    expect(s.full).toContain('<details><summary>All package changes in app/Dockerfile (runtime) (3 added, 1 changed, 1 removed)</summary>');
    expect(s.full).toContain('| ➕ | npm | `@actions/core` | 1.11.1 | — | +120 kB |');
    expect(s.full).not.toContain('builder');
    expect(s.compact).not.toContain('<details>');
  });

  it('has no section when nothing changed', () => {
    expect(packagesSection({ sizes: [{ ...image('a/Dockerfile', 'x', 1, 1), packages: { against: 'base-branch', added: [], removed: [], changed: [] } }] })).toBeNull();
  });
});

describe('cacheMissCell', () => {
  it.each([
    [{ ok: true }, 'all cached'],
    [{ ok: false }, '—'],
    [{ ok: true, cacheMiss: { line: 7, instruction: 'COPY src/ .', stage: 'builder', cause: 'files-changed' as const, detail: 'src/app.py changed', files: ['src/app.py'] } }, 'missed at L7 `COPY src/ .`: src/app\\.py changed'],
    [{ ok: true, cacheMiss: { line: null, instruction: 'RUN x', stage: null, cause: 'no-cache' as const, detail: 'no cache existed for this build' } }, 'missed at `RUN x`: no cache existed for this build']
  ])('renders %j as %s', (b, want) => {
    expect(cacheMissCell(b)).toBe(want);
  });
});

describe('base image findings', () => {
  const base = { ...finding('image-package-cache', 'warning', 0, 'From the base image `debian:bookworm`: The package-manager cache /var/lib/apt/lists was left'), fromBaseImage: 'debian:bookworm' };
  const own = finding('image-build-tools', 'warning', 5, 'The final image contains gcc');

  it('folds them apart from the Dockerfile\'s findings and says they do not gate', () => {
    const report = { ...passingReport(), imageFindings: [{ path: 'api/Dockerfile', finding: base }, { path: 'api/Dockerfile', finding: own }], policy: { imageFindings: 'own' as const } };
    const comment = renderComment(report);
    expect(comment).toContain('<details><summary>From the base image <code>debian:bookworm</code>: 1 finding (not the Dockerfile\'s)</summary>');
    expect(comment).toContain('They do not gate this pull request (`image-findings: own`).');
    const violations = comment.slice(comment.indexOf('#### Violations'), comment.indexOf('From the base image <code>debian'));
    expect(violations).toContain('The final image contains gcc');
    expect(violations).not.toContain('apt/lists');
  });

  it('says they gate with image-findings: all', () => {
    expect(baseImageFindingsSection({ imageFindings: [{ path: 'a', finding: base }] }, true)!.full).toContain('They gate this pull request (`image-findings: all`).');
  });
});

describe('size waiver', () => {
  const waiver: SizeWaiver = { label: 'stageguard:accept-size', by: 'alice', at: '2026-03-01T12:00:05Z', source: 'issue-events' };
  const gates = [
    { kind: 'max-increase' as const, subject: 'api/Dockerfile (final)', message: 'grew 12% (budget 5%)' },
    { kind: 'lint' as const, subject: 'api/Dockerfile:3', message: 'error x' }
  ];

  it('turns only the size gates into notes', () => {
    expect(waiveSizeGates(gates, waiver)).toEqual({ gates: [gates[1]], waived: [gates[0]] });
    expect(waiveSizeGates(gates, null)).toEqual({ gates, waived: [] });
  });

  it('passes a run whose only failure is a size budget, and keeps the gate as a note', () => {
    const sizes = [{ ...image('api/Dockerfile', 'final', 60, 50), final: true }];
    const input = { lint: summarize([]), builds: [], sizes, config: null, failOn: 'error' as const, budgets: { maxIncrease: '5%', metric: 'uncompressed' as const }, errors: [] };
    expect(decide(input).verdict.failed).toBe(true);
    const d = decide({ ...input, sizeWaiver: waiver });
    expect(d.verdict.failed).toBe(false);
    expect(d.waived.map(g => g.kind)).toEqual(['max-increase']);
  });

  it('records who added the label and when under the verdict', () => {
    const report = { ...passingReport(), policy: { imageFindings: 'own' as const, sizeWaiver: { ...waiver, waived: [gates[0]] } } };
    expect(waiverLine(report)).toBe(
      '> [!NOTE]\n> **Size budgets waived on purpose** with the label `stageguard:accept-size`, added by @&#8203;alice on 2026-03-01 12:00 UTC: this size gate is a note, not a failure:\n> - 📝 **max-increase** `api/Dockerfile (final)`: grew 12% \\(budget 5%\\)'
    );
    expect(renderComment(report)).toContain('size budgets waived (label `stageguard:accept-size`)');
  });

  it('says so when no size gate was exceeded, and nothing without a waiver', () => {
    expect(waiverLine({ policy: { imageFindings: 'own', sizeWaiver: { ...waiver, by: null, at: null, waived: [] } } })).toBe(
      '> [!NOTE]\n> **Size budgets waived on purpose** with the label `stageguard:accept-size`, added; no size gate was exceeded.'
    );
    expect(waiverLine({})).toBeNull();
  });
});

describe('a pull request that changes the config', () => {
  it.each<[string, string[] | undefined, 'floor' | 'trust-config' | undefined, string | null]>([
    ['no note without a change', undefined, 'floor', null],
    [
      'names the files and says the gates still hold',
      ['.stageguard.yml', '.hadolint.yaml'],
      'floor',
      "> [!IMPORTANT]\n> **This pull request changes `.stageguard.yml` and `.hadolint.yaml`**: its ignored rules, severities and budgets shaped this report. The workflow's `fail-on` and size budgets still hold: a config can tighten them, never loosen them."
    ],
    ['says when the workflow trusts the config', ['.hadolint.yaml'], 'trust-config', expect.stringContaining('(`trust-config: true`), so its `fail-on` and budgets apply as written')],
    ['keeps a hostile name inert', ['`x`<img src=y>\n::warning::z'], undefined, '> [!IMPORTANT]\n> **This pull request changes `` `x`<img src=y> ::warning::z ``**: its ignored rules, severities and budgets shaped this report.']
  ])('%s', (_name, configChanges, gates, expected) => {
    const report = { ...passingReport(), ...(configChanges ? { configChanges } : {}), policy: { imageFindings: 'own' as const, ...(gates ? { gates } : {}) } };
    expect(configChangeLine(report)).toEqual(expected);
    if (expected !== null) expect(renderComment(report)).toContain('**This pull request changes ');
  });
});
