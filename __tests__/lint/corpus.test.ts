import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptyConfig } from '../../src/lint/config';
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
});
