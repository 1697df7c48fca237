import { exec } from './exec';
import type { Logger } from './log';
import { runPipeline, type PipelineResult } from './pipeline';
import type { Severity } from './lint/rule';
import type { ShellcheckMode } from './lint/shellcheck';

/** Options of `stageguard run` (the main job, locally). */
export interface LocalRunOptions {
  cwd: string;
  dockerfiles: string[];
  configFile?: string;
  failOn: Severity | 'none';
  build: boolean;
  targets: string[];
  buildArgs: string[];
  network?: string;
  platform?: string;
  builder?: string;
  maxParallel: number;
  cacheRepository?: string;
  branch?: string;
  /** A git revision to build and compare against (e.g. `main`, `HEAD~1`). */
  baseRef?: string;
  /** Always build the base revision, never read its stored report. */
  buildBase?: boolean;
  /** Load every target into the engine, build stages too. */
  load?: boolean;
  maxSize?: string;
  maxIncrease?: string;
  maxWasted?: string;
  sizeMetric: 'compressed' | 'uncompressed';
  shellcheck?: ShellcheckMode;
  /** Gates consider only findings that are new against `baseRef`. */
  onlyNew?: boolean;
  log: Logger;
}

async function git(cwd: string, args: string[]): Promise<string | null> {
  const r = await exec('git', args, { cwd, timeoutMs: 60000 });
  return r.exitCode === 0 ? r.stdout.trim() : null;
}

/** `--base-ref REV` as a commit and the repository's top folder (where the base commit is checked out from). */
export async function resolveBaseRef(cwd: string, ref: string): Promise<{ sha: string; repoDir: string }> {
  const sha = await git(cwd, ['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  if (!sha) throw new Error(`--base-ref ${ref} is not a commit of the git repository at the working directory`);
  return { sha, repoDir: (await git(cwd, ['rev-parse', '--show-toplevel'])) ?? cwd };
}

/** Runs the same pipeline as the action, with the git facts a terminal has instead of a pull-request event. */
export async function runLocal(o: LocalRunOptions): Promise<PipelineResult> {
  const branch = o.branch ?? (await git(o.cwd, ['rev-parse', '--abbrev-ref', 'HEAD'])) ?? 'local';
  let baseSha: string | undefined;
  let baseBranch: string | undefined;
  let repoDir = o.cwd;
  if (o.baseRef) {
    ({ sha: baseSha, repoDir } = await resolveBaseRef(o.cwd, o.baseRef));
    baseBranch = o.baseRef.replace(/^origin\//, '');
  }
  const headSha = (await git(o.cwd, ['rev-parse', 'HEAD'])) ?? undefined;
  // what differs from the base commit (work tree included) explains cache misses; it selects nothing
  const diff = baseSha ? await git(o.cwd, ['diff', '--name-only', '--relative', baseSha]) : null;
  return runPipeline({
    cwd: o.cwd,
    repoDir,
    dockerfiles: o.dockerfiles,
    changedFiles: null,
    ...(diff !== null ? { diffFiles: diff.split('\n').filter(Boolean) } : {}),
    configFile: o.configFile,
    failOn: o.failOn,
    build: o.build,
    targets: o.targets,
    buildArgs: o.buildArgs,
    platform: o.platform,
    network: o.network,
    builder: o.builder,
    push: false,
    maxParallel: o.maxParallel,
    cacheRepository: o.cacheRepository,
    branch,
    baseBranch,
    event: 'local',
    isFork: false,
    baseSha,
    storedBaseline: !o.buildBase,
    load: o.load,
    maxSize: o.maxSize,
    maxIncrease: o.maxIncrease,
    maxWasted: o.maxWasted,
    sizeMetric: o.sizeMetric,
    shellcheck: o.shellcheck ?? 'auto',
    onlyNewFindings: o.onlyNew,
    context_: { headSha, headRef: branch, baseRef: baseBranch, eventName: 'local' },
    log: o.log
  });
}
