/**
 * The fork-safe pattern (issue points 3 and 8): the privileged job renders what `stageguard merge` makes of a fork's
 * artifact. Through the bundled CLI: a partial report with markup in enum fields, a field of the wrong type, a
 * foreign server URL, and a report too big for one comment. And every renderer, walked with hostile values in every
 * string field.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { outsideCode, ROOT } from '../e2e/harness';
import { renderComment, renderSummary } from '../../src/report/markdown';
import { renderSarif } from '../../src/report/sarif';
import { serializePartial } from '../../src/shard/merge';
import type { Report } from '../../src/report/types';
import { finding, lintReport, passingReport } from '../report/fixtures';
import { NODE } from './support';

const HOSTILE = '<img src=x onerror=alert(1)> <a href="https://evil.example">re-run</a> [x](https://evil.example) @someone #1 ::add-mask::x';

function live(md: string): void {
  const text = outsideCode(md);
  expect(text).not.toMatch(/<img|<a href/i);
  expect(text).not.toMatch(/\]\(https:\/\/evil/);
  expect(text).not.toMatch(/(^|[^\w`])@someone/);
}

/** Every string in a value replaced by a hostile one (keys kept), so every renderer meets it in every field. */
function hostile<T>(v: T): T {
  if (typeof v === 'string') return `${HOSTILE} ${v}` as T;
  if (Array.isArray(v)) return v.map(hostile) as T;
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hostile(x)])) as T;
  return v;
}

describe('stageguard merge on a fork artifact (the bundled CLI)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-forksafe-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const merge = (args: string[], env: Record<string, string> = {}): { code: number; out: string; err: string } => {
    const r = spawnSync(NODE.bin, [path.join(ROOT, 'dist', 'cli.js'), 'merge', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/app', ...env }
    });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  };
  const write = (name: string, partial: unknown): void => fs.writeFileSync(path.join(dir, name), typeof partial === 'string' ? partial : JSON.stringify(partial));
  const partialOf = (report: Report): Record<string, unknown> => JSON.parse(serializePartial({ shard: '1', name: 'all', dockerfiles: ['app/Dockerfile'] }, report)) as Record<string, unknown>;

  it.each<[string, (p: { report: Record<string, any> }) => void, RegExp]>([
    ['markup as a finding severity', p => (p.report.lint.files[0].violations[0].severity = HOSTILE), /violations\[0\]\.severity: expected one of error\|warning\|info\|style/],
    ['markup as a gate kind', p => p.report.gates.push({ kind: HOSTILE, subject: 'x', message: 'y' }), /gates\[0\]\.kind: expected one of lint/],
    ['a string for a number', p => p.report.builds.push({ dockerfile: 'a', target: 'b', ok: true, seconds: 1, image: null, steps: { total: 3, cached: '<b>9</b>', executed: 0 }, cacheFrom: [], cacheTo: null, error: null }), /steps\.cached: expected a finite number/],
    ['an object for a list', p => (p.report.sizes = { length: 1 }), /incomplete report|report\.sizes: expected a list/]
  ])('names the shard as missing for %s, renders none of it, and fails without a stack trace', (_name, spoil, problem) => {
    const report = { ...passingReport(), lint: lintReport([{ path: 'app/Dockerfile', violations: [finding('apt-get-yes', 'warning', 2, 'apt-get install without -y')] }]), gates: [], builds: [], sizes: [], buildCommands: [] };
    const p = partialOf(report) as { report: Record<string, any> };
    spoil(p);
    write('p.json', p);
    for (const format of ['markdown', 'comment', 'json']) {
      const r = merge(['p.json', '--expected-shards', '1', '--format', format]);
      expect(r.code).toBe(1);
      expect(`${r.out}${r.err}`).not.toMatch(/\n\s+at /);
      expect(`${r.out}\n${r.err}`).toMatch(problem);
      if (format !== 'json') live(r.out);
    }
  });

  it('takes links from its environment, never the artifact, and prints the comment with its marker within 65,536 characters', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      path: `svc${i}/Dockerfile`,
      violations: Array.from({ length: 15 }, (_, k) => finding('apt-get-yes', 'warning', k + 1, `apt-get install pkg${i}x${k} without -y: the build cannot answer the prompt`))
    }));
    const report: Report = { ...passingReport(), lint: lintReport(many), builds: [], sizes: [], buildCommands: [], gates: [], context: { serverUrl: 'https://evil.example', repository: 'evil/repo', headSha: 'deadbeef', pullNumber: 1 } };
    write('p.json', partialOf(report));
    const r = merge(['p.json', '--expected-shards', '1', '--format', 'comment', '--sha', '3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a', '--pr', '7']);
    expect(r.err).toBe('');
    expect(r.out.startsWith('<!-- stageguard -->')).toBe(true);
    expect(r.out.length).toBeLessThanOrEqual(65_536);
    expect(r.out).toMatch(/job summary/i);
    expect(r.out).toContain('https://github.com/acme/app/blob/3f9c2a1d8e7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a/');
    expect(r.out).not.toMatch(/evil/);
    // the markdown format is the full summary: well over one comment
    expect(merge(['p.json', '--format', 'markdown']).out.length).toBeGreaterThan(65_536);
  });

  it('refuses a foreign --server-url or a PR number that is not one, as a usage error', () => {
    write('p.json', partialOf(passingReport()));
    expect(merge(['p.json', '--server-url', 'javascript:alert(1)']).code).toBe(2);
    expect(merge(['p.json', '--pr', '1; rm -rf /']).code).toBe(2);
  });
});

describe('every renderer with hostile values in every string field', () => {
  it('renders the comment and the summary inert, and SARIF as valid JSON', () => {
    // every optional string field a renderer knows, present, so it meets hostile text too
    const base = passingReport();
    base.builds[0] = { ...base.builds[0], cacheMiss: { line: 3, instruction: 'COPY src/ .', stage: 'build', cause: 'files-changed', detail: 'src/app.py changed', files: ['src/app.py'] } };
    base.sizes[0] = { ...base.sizes[0], packages: { against: 'base-branch', added: [{ ecosystem: 'deb', name: 'curl', version: '7.88', bytes: 500_000 }], removed: [], changed: [{ ecosystem: 'npm', name: 'x', version: '2', baseVersion: '1', bytes: 10 }] } };
    const report = hostile({ ...base, configChanges: ['.stageguard.yml', '.hadolint.yaml'], missingShards: ['shard-1'] });
    report.policy = { imageFindings: 'own', gates: 'floor' };
    // enum fields stay enums (the schema refuses anything else before a renderer sees it)
    report.lint.files.forEach(f => f.violations.forEach(v => (v.severity = 'warning')));
    const comment = renderComment(report);
    expect(comment).toContain('**This pull request changes ');
    live(comment);
    live(renderSummary(report));
    expect(() => JSON.parse(renderSarif(report.lint, [], report.imageFindings, '0.1.0'))).not.toThrow();
  });
});

describe('the CLI piped into head', () => {
  it('exits quietly when the reader goes away (EPIPE)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-epipe-'));
    try {
      for (let i = 0; i < 300; i++) {
        fs.mkdirSync(path.join(dir, `s${i}`));
        fs.writeFileSync(path.join(dir, `s${i}`, 'Dockerfile'), 'FROM ubuntu:latest\nRUN apt-get install curl\nRUN cd /x\n');
      }
      const r = spawnSync('bash', ['-c', `"${NODE.bin}" "${path.join(ROOT, 'dist', 'cli.js')}" lint --fail-on none | head -c 10 >/dev/null`], { cwd: dir, encoding: 'utf8' });
      expect(r.stderr).not.toMatch(/EPIPE|\n\s+at /);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
