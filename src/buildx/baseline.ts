import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exec } from '../exec';
import { loadDockerfile } from '../dockerfile/read';
import type { DockerfileModel } from '../dockerfile/model';
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
  /** Files the PR renamed: new path → path at the base commit, both relative to `repoDir` (from the pulls files API). */
  renamedFrom?: Record<string, string>;
}

/** What the base commit's build gives: the builds, and the base commit's Dockerfiles by their (PR) report path. */
export interface BaselineRunInfo extends BuildRunInfo {
  /** The Dockerfiles as they are at the base commit, to map the base images' layers to their own lines. */
  models: Map<string, DockerfileModel>;
}

/**
 * Pure: where a plan's Dockerfile and context are in the base commit's worktree. A Dockerfile the PR renamed (or moved
 * with its folder) is looked for at its old path, and a context that was its folder moves with it, so a renamed
 * Dockerfile is compared with what it was instead of showing as new.
 */
export function placeInWorktree(
  p: Pick<BuildPlan, 'file' | 'context'>,
  repoDir: string,
  worktree: string,
  renamedFrom: Record<string, string> = {}
): { file: string; context: string; renamed: boolean } {
  const rel = path.relative(repoDir, p.file).split(path.sep).join('/');
  const old = renamedFrom[rel];
  const ctx = path.relative(repoDir, p.context).split(path.sep).join('/') || '.';
  if (!old) return { file: path.join(worktree, rel), context: path.join(worktree, ctx), renamed: false };
  const movedContext = ctx === path.posix.dirname(rel) ? path.posix.dirname(old) : ctx;
  return { file: path.join(worktree, old), context: path.join(worktree, movedContext), renamed: true };
}

/** The report path a plan's Dockerfile had at the base commit (its old path when the PR renamed it). */
function baseDockerfile(p: BuildPlan, repoDir: string, renamed: Record<string, string> = {}): string {
  const old = renamed[path.relative(repoDir, p.file).split(path.sep).join('/')];
  return old && path.resolve(repoDir, p.dockerfile) === p.file ? old : p.dockerfile;
}

/**
 * Pure: the PR's plans moved into the worktree of the base commit, reading only the base branch's cache. `modelAt`
 * gives the base commit's model of a plan's Dockerfile (by its report path), undefined when the PR adds the file.
 */
export function baselinePlans(
  plans: BuildPlan[],
  repoDir: string,
  worktree: string,
  o: {
    cacheRepository?: string;
    baseBranch?: string;
    imageSuffix?: string;
    renamedFrom?: Record<string, string>;
    modelAt: (dockerfile: string) => DockerfileModel | undefined;
  }
): BuildPlan[] {
  const out: BuildPlan[] = [];
  for (const p of plans) {
    const model = o.modelAt(p.dockerfile);
    if (!model) continue; // the Dockerfile is new in the PR
    const stages = new Set(model.stages.flatMap(s => (s.name ? [s.name.toLowerCase()] : [])));
    if (p.targetFlag && !stages.has(p.targetFlag.toLowerCase())) continue; // the stage is new in the PR
    const place = placeInWorktree(p, repoDir, worktree, o.renamedFrom);
    out.push({
      ...p,
      file: place.file,
      context: place.context,
      image: `${p.image}${o.imageSuffix ?? '-base'}`,
      // the base branch wrote its cache under the Dockerfile's old path
      cacheFrom: o.cacheRepository && o.baseBranch ? [cacheRef(o.cacheRepository, baseDockerfile(p, repoDir, o.renamedFrom), p.target, o.baseBranch)] : [],
      cacheTo: null,
      pushTags: [],
      // the base's images are measured where they are built, and loaded: nothing of the base is pushed
      measureRef: undefined,
      load: undefined
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
export async function buildAtRef(o: BaselineOptions): Promise<BaselineRunInfo> {
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
    // Read while the worktree exists: the base images are measured against these, not against the PR's Dockerfiles.
    const models = new Map<string, DockerfileModel>();
    for (const p of o.plans) {
      const file = placeInWorktree(p, o.repoDir, worktree, o.renamedFrom).file;
      if (!models.has(p.dockerfile) && fs.existsSync(file)) models.set(p.dockerfile, loadDockerfile(file, p.dockerfile, worktree));
    }
    const plans = baselinePlans(o.plans, o.repoDir, worktree, { ...o, modelAt: d => models.get(d) });
    const info = await runBuilds(plans, { ...o, push: false });
    return { ...info, models };
  } finally {
    await git(o.repoDir, ['worktree', 'remove', '--force', worktree]);
    fs.rmSync(worktree, { recursive: true, force: true });
    await git(o.repoDir, ['worktree', 'prune']);
  }
}
