import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Config } from '../config/config';
import type { DockerfileModel } from '../dockerfile/model';
import { MAX_DOCKERFILE_BYTES, parseDockerfile } from '../dockerfile/parse';
import { exec } from '../exec';
import { lintLoaded, ruleContextFor } from './engine';
import { applyBase } from './newFindings';
import type { FileLintResult, LintReport } from './rule';
import type { ShellcheckMode } from './shellcheck';
import { ownValue } from '../own';

export interface BaseOptions {
  cwd: string;
  /** The git repository's top folder; default cwd. */
  repoDir?: string;
  /** The base commit (full or abbreviated hex sha). */
  sha: string;
  config: Config;
  shellcheck?: ShellcheckMode;
  /** Renamed files, new path → old path (repository-relative): the base has them at the old path. */
  renamedFrom?: Record<string, string>;
  /** Receives each base-commit model (the explain step reuses them for cache-miss causes). */
  onBaseModel?: (model: DockerfileModel) => void;
}

/** The `git show` argument for one file at a commit; undefined for a sha that is not hex or a path outside the repository. Pure. */
export function gitShowSpec(sha: string, repoRelative: string): string | undefined {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) return undefined;
  if (repoRelative === '' || repoRelative.startsWith('..') || isAbsolute(repoRelative)) return undefined;
  return `${sha}:${repoRelative}`;
}

/** The base commit's version of a file, or undefined when the base does not have it (or it is too large). */
async function showAtBase(repoDir: string, spec: string): Promise<string | undefined> {
  const r = await exec('git', ['show', spec], { cwd: repoDir, timeoutMs: 60_000, maxBuffer: MAX_DOCKERFILE_BYTES + 1 });
  if (r.exitCode !== 0 || r.stdout.length > MAX_DOCKERFILE_BYTES) return undefined;
  return r.stdout;
}

/** Makes sure the base commit is in the repository (a shallow checkout may lack it: fetched at depth 1). */
async function ensureCommit(repoDir: string, sha: string): Promise<void> {
  if (!/^[0-9a-f]{7,64}$/i.test(sha)) throw new Error(`the base commit ${JSON.stringify(sha.slice(0, 80))} is not a commit sha`);
  const has = await exec('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd: repoDir, timeoutMs: 60_000 });
  if (has.exitCode === 0) return;
  const fetched = await exec('git', ['fetch', '--no-tags', '--depth', '1', 'origin', sha], { cwd: repoDir, timeoutMs: 300_000 });
  if (fetched.exitCode !== 0) throw new Error(`Could not fetch the base commit ${sha}: ${fetched.stderr.trim().split('\n').pop() ?? ''}`);
}

/**
 * Lints the base commit's version of each linted file (read with `git show`, nothing checked out or built) with the
 * same configuration, then marks each head finding new or existing and counts the fixed ones. Throws when the base
 * commit cannot be read at all (the caller keeps the findings unmarked and warns).
 */
export async function compareWithBase(report: LintReport, heads: ReadonlyMap<string, DockerfileModel>, o: BaseOptions): Promise<LintReport> {
  const repoDir = o.repoDir ?? o.cwd;
  await ensureCommit(repoDir, o.sha);
  const loaded: { model: DockerfileModel; ctx: ReturnType<typeof ruleContextFor> }[] = [];
  for (const file of report.files) {
    const rel = relative(repoDir, resolve(o.cwd, file.path)).split(sep).join('/');
    const spec = gitShowSpec(o.sha, ownValue(o.renamedFrom, rel) ?? rel);
    const text = spec === undefined ? undefined : await showAtBase(repoDir, spec);
    if (text === undefined) continue;
    const model = parseDockerfile(file.path, text);
    o.onBaseModel?.(model);
    loaded.push({ model, ctx: ruleContextFor(file.path, o.cwd, o.config) });
  }
  const baseReport = await lintLoaded(loaded, o.config, { shellcheck: o.shellcheck === 'required' ? 'auto' : o.shellcheck });
  const bases = new Map<string, { model: DockerfileModel; result: FileLintResult } | undefined>();
  loaded.forEach((l, i) => bases.set(l.model.path, { model: l.model, result: baseReport.files[i] }));
  return applyBase(report, heads, bases);
}
