import * as fs from 'node:fs';
import * as path from 'node:path';
import { explainCacheMiss, fromDigests } from '../buildx/cacheMiss';
import { cacheTimeOf } from '../buildx/cacheTime';
import type { BuildResult } from '../buildx/types';
import type { DockerfileModel } from '../dockerfile/model';
import { targetKey } from './baseline';
import type { Built } from './build';
import type { Linted } from './lint';
import type { PipelineOptions } from './options';

/**
 * Step 6b, explain (pure): for each build, the first step that missed the cache and its likeliest cause, from the
 * build's progress, the PR's changed files, the base commit's Dockerfile and the base image digests of its builds.
 */
export function explainBuilds(
  o: Pick<PipelineOptions, 'cwd' | 'changedFiles' | 'diffFiles' | 'buildArgs'>,
  built: Built,
  linted: Linted,
  /** The Dockerfiles as they are at the base commit, when the run compares with one. */
  baseModels: ReadonlyMap<string, DockerfileModel> | undefined,
  history: ReadonlyMap<string, Record<string, number>> = new Map()
): BuildResult[] {
  const changed = o.changedFiles ?? o.diffFiles ?? null;
  return built.builds.map((b0, i) => {
    const progress = built.progress[i];
    // what the cached steps took when they last ran, from the previous report (`history`)
    const previous = history.get(targetKey(b0.dockerfile, b0.target));
    const b = progress && previous ? { ...b0, cacheTime: cacheTimeOf(progress, previous) } : b0;
    const model = linted.models.find(m => m.path === b.dockerfile);
    const plan = built.plans.find(p => p.dockerfile === b.dockerfile && p.target === b.target);
    if (!progress || !model || !plan) return b;
    const baseModel = baseModels?.get(b.dockerfile);
    const miss = explainCacheMiss({
      steps: progress.steps,
      model,
      context: path.relative(o.cwd, plan.context).split(path.sep).join('/') || '.',
      changedFiles: changed,
      ...(baseModel ? { baseModel } : {}),
      fromDigests: fromDigests(progress.steps),
      buildArgs: o.buildArgs,
      cacheHit: progress.cacheImports.some(c => c.hit)
    });
    return miss ? { ...b, cacheMiss: miss } : b;
  });
}

/** A history report bigger than this is not read. */
const MAX_HISTORY_BYTES = 20 * 1024 * 1024;

/** Pure: the step timings per `dockerfile#target` of a previous report (its `builds[].stepSeconds`). */
export function stepHistory(report: unknown): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  const builds = (report as { builds?: unknown })?.builds;
  if (!Array.isArray(builds)) return out;
  for (const b of builds.slice(0, 1000)) {
    const { dockerfile, target, stepSeconds } = (b ?? {}) as { dockerfile?: unknown; target?: unknown; stepSeconds?: unknown };
    if (typeof dockerfile !== 'string' || typeof target !== 'string' || !stepSeconds || typeof stepSeconds !== 'object') continue;
    const clean: Record<string, number> = {};
    for (const [k, v] of Object.entries(stepSeconds as Record<string, unknown>).slice(0, 500)) if (typeof v === 'number' && Number.isFinite(v) && v >= 0) clean[k] = v;
    out.set(targetKey(dockerfile, target), clean);
  }
  return out;
}

/** Reads the `history` report (bounded); a missing or unreadable one is a warning, never a failure. */
export function readStepHistory(file: string | undefined, cwd: string, warn: (m: string) => void): Map<string, Record<string, number>> {
  if (!file) return new Map();
  try {
    const full = path.resolve(cwd, file);
    if (fs.statSync(full).size > MAX_HISTORY_BYTES) throw new Error('larger than 20 MB');
    return stepHistory(JSON.parse(fs.readFileSync(full, 'utf8')));
  } catch (e) {
    warn(`The history report ${file} could not be read (${(e as Error).message}); what the cache saved is not shown.`);
    return new Map();
  }
}
