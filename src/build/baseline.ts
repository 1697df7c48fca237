import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exec } from '../exec';
import { parseDockerfile } from '../dockerfile/parse';
import type { BuildPlan } from './args';
import { cacheRef } from './cacheRefs';
import { runBuilds, type RunOptions } from './run';
import type { BuildRunInfo } from './types';

export interface BaselineOptions extends RunOptions {
  /** The repository checkout (where the PR's Dockerfiles are). */
  repoDir: string;
  /** The base commit to build. */
  sha: string;
  /** The PR's plans: the same (Dockerfile, target) pairs are built at `sha`, where they exist. */
  plans: BuildPlan[];
  cacheRepository?: string;
  /** The base branch: its cache ref is imported (never exported). */
  baseBranch?: string;
  /** Suffix of the baseline's image tags. Default `-base`. */
  imageSuffix?: string;
}

/** Pure: the PR's plans moved into the worktree of the base commit, reading only the base branch's cache. */
export function baselinePlans(
  plans: BuildPlan[],
  repoDir: string,
  worktree: string,
  o: { cacheRepository?: string; baseBranch?: string; imageSuffix?: string; stagesAt: (file: string) => Set<string> | null }
): BuildPlan[] {
  const out: BuildPlan[] = [];
  for (const p of plans) {
    const file = path.join(worktree, path.relative(repoDir, p.file));
    const stages = o.stagesAt(file);
    if (!stages) continue; // the Dockerfile is new in the PR
    if (p.targetFlag && !stages.has(p.targetFlag.toLowerCase())) continue; // the stage is new in the PR
    out.push({
      ...p,
      file,
      context: path.join(worktree, path.relative(repoDir, p.context)),
      image: `${p.image}${o.imageSuffix ?? '-base'}`,
      cacheFrom: o.cacheRepository && o.baseBranch ? [cacheRef(o.cacheRepository, p.dockerfile, p.target, o.baseBranch)] : [],
      cacheTo: null,
      pushTags: []
    });
  }
  return out;
}

async function git(repoDir: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  const r = await exec('git', args, { cwd: repoDir, timeoutMs: 10 * 60 * 1000 });
  return { ok: r.exitCode === 0, out: (r.stderr || r.stdout).trim() };
}

/**
 * Builds the same targets at the base commit, for the size comparison: a detached `git worktree` of `sha` (fetched
 * with `git fetch --depth 1 origin <sha>` when the checkout lacks it), importing the base branch's cache and exporting
 * nothing, images tagged with `-base`. The worktree is removed afterwards. Throws when the commit cannot be checked out
 * (the caller turns that into a "no baseline" warning).
 */
export async function buildAtRef(o: BaselineOptions): Promise<BuildRunInfo> {
  const worktree = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-base-'));
  fs.rmSync(worktree, { recursive: true, force: true });
  let added = await git(o.repoDir, ['worktree', 'add', '--detach', worktree, o.sha]);
  if (!added.ok) {
    const fetched = await git(o.repoDir, ['fetch', '--no-tags', '--depth', '1', 'origin', o.sha]);
    if (!fetched.ok) throw new Error(`Could not fetch the base commit ${o.sha}: ${fetched.out}`);
    added = await git(o.repoDir, ['worktree', 'add', '--detach', worktree, o.sha]);
    if (!added.ok) throw new Error(`Could not check out the base commit ${o.sha}: ${added.out}`);
  }
  try {
    const stagesAt = (file: string): Set<string> | null => {
      if (!fs.existsSync(file)) return null;
      const model = parseDockerfile(file, fs.readFileSync(file));
      return new Set(model.stages.flatMap(s => (s.name ? [s.name.toLowerCase()] : [])));
    };
    const plans = baselinePlans(o.plans, o.repoDir, worktree, { ...o, stagesAt });
    const info = await runBuilds(plans, { ...o, push: false });
    return info;
  } finally {
    await git(o.repoDir, ['worktree', 'remove', '--force', worktree]);
    fs.rmSync(worktree, { recursive: true, force: true });
    await git(o.repoDir, ['worktree', 'prune']);
  }
}
