import * as path from 'node:path';
import { explainCacheMiss, fromDigests } from '../buildx/cacheMiss';
import type { BuildResult } from '../buildx/types';
import { targetKey, type Baseline } from './baseline';
import type { Built } from './build';
import type { Linted } from './lint';
import type { PipelineOptions } from './options';

/**
 * Step 6b, explain (pure): for each build, the first step that missed the cache and its likeliest cause, from the
 * build's progress, the PR's changed files, the base commit's Dockerfile and the base image digests of its builds.
 */
export function explainBuilds(o: Pick<PipelineOptions, 'cwd' | 'changedFiles' | 'diffFiles' | 'buildArgs'>, built: Built, linted: Linted, base: Baseline): BuildResult[] {
  const changed = o.changedFiles ?? o.diffFiles ?? null;
  return built.builds.map((b, i) => {
    const progress = built.progress[i];
    const model = linted.models.find(m => m.path === b.dockerfile);
    const plan = built.plans.find(p => p.dockerfile === b.dockerfile && p.target === b.target);
    if (!progress || !model || !plan) return b;
    const measured = base.kind === 'measured' ? base : null;
    const miss = explainCacheMiss({
      steps: progress.steps,
      model,
      context: path.relative(o.cwd, plan.context).split(path.sep).join('/') || '.',
      changedFiles: changed,
      ...(measured?.models.get(b.dockerfile) ? { baseModel: measured.models.get(b.dockerfile) } : {}),
      fromDigests: fromDigests(progress.steps),
      ...(measured ? { baseFromDigests: measured.fromDigests.get(targetKey(b.dockerfile, b.target)) ?? [] } : {}),
      buildArgs: o.buildArgs,
      cacheHit: progress.cacheImports.some(c => c.hit)
    });
    return miss ? { ...b, cacheMiss: miss } : b;
  });
}
