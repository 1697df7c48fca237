import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { emptyConfig } from '../../src/config/config';
import { lintFiles } from '../../src/lint/engine';

// The shared corpus of public Dockerfiles lives beside the repository (../shared/corpus/dockerfiles).
const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles');

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const present = existsSync(CORPUS);
if (!present) {
  // eslint-disable-next-line no-console
  console.warn(`corpus test skipped: ${CORPUS} is absent`);
}

(present ? describe : describe.skip)('the shared corpus of public Dockerfiles', () => {
  it('lints every file without a crash and without a parse-error', async () => {
    const files = walk(CORPUS);
    expect(files.length).toBeGreaterThan(300);
    const report = await lintFiles(files, { cwd: CORPUS, config: emptyConfig() });
    expect(report.files).toHaveLength(files.length);
    const parseErrors = report.files.flatMap(f => f.violations.filter(v => v.rule === 'parse-error').map(v => `${f.path}:${v.line} ${v.message}`));
    expect(parseErrors).toEqual([]);
    const crashes = report.files.flatMap(f => f.violations.filter(v => v.message.startsWith('internal error')).map(v => `${f.path}: ${v.message}`));
    expect(crashes).toEqual([]);
    for (const f of report.files) expect(f.scorecard).toHaveLength(7);
  });

  it('runs `node dist/cli.js lint --format json` over every file: valid JSON of the documented shape, no parse-error', () => {
    const cli = resolve(__dirname, '..', '..', 'dist', 'cli.js');
    if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run bundle');
    const files = walk(CORPUS).map(f => relative(CORPUS, f));
    const r = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'none', ...files], {
      cwd: CORPUS,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { files: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(out)).toEqual(['files', 'summary']);
    expect(out.files).toHaveLength(files.length);
    expect(Object.keys(out.files[0])).toEqual(['path', 'stages', 'scorecard', 'violations']);
    const violations = out.files.flatMap(f => f.violations as Record<string, unknown>[]);
    expect(Object.keys(violations[0])).toEqual(['rule', 'aliases', 'severity', 'line', 'column', 'endLine', 'endColumn', 'stage', 'message']);
    expect(violations.filter(v => v.rule === 'parse-error')).toEqual([]);
    expect(Object.keys(out.summary)).toEqual(['files', 'violations', 'bySeverity']);
    expect(out.summary.violations).toBe(violations.length);
  });
});
