import { baseDrift, baselineStep, type BaselineInfo } from '../baseline/step';
import type { ImageSize } from '../size/types';
import type { Built } from './build';
import type { Measured } from './measure';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the baseline step hands on: the base branch's sizes, or why there are none, and where they came from. */
export type Baseline =
  /** Not asked for (no PR, no `--base-ref`), or nothing was measured to compare. */
  | { kind: 'not-compared' }
  /** The base could not be had at all (the registry is down, the worktree or the builds failed as a whole). */
  | { kind: 'none'; info?: BaselineInfo }
  | {
      kind: 'measured';
      sizes: ImageSize[];
      /** `dockerfile#target` keys that exist at the base commit but could not be built or measured there. */
      missing: Set<string>;
      info?: BaselineInfo;
      /** By `dockerfile#target`: the base image moved since the stored report (see baseDrift). */
      drift?: Map<string, NonNullable<ImageSize['baseDrift']>>;
    };

export { targetKey } from '../baseline/info';

/**
 * Step 5, baseline: the base commit's stored report when one fits (looked up while the stages built), else the same
 * targets built and measured at the base commit with the base branch's caches.
 */
export async function baseline(o: PipelineOptions, built: Built, measured: Measured, notes: Notes): Promise<Baseline> {
  if (!o.baseSha || measured.sizes.length === 0) return { kind: 'not-compared' };
  const baseSha = o.baseSha;
  return o.log.group(`Baseline: the base commit ${baseSha.slice(0, 12)}`, async (): Promise<Baseline> => {
    const step = await baselineStep({
      run: built.runOptions,
      repoDir: o.repoDir ?? o.cwd,
      baseSha,
      headSha: o.context_.headSha,
      baseBranch: o.baseBranch,
      cacheRepository: o.cacheRepository || undefined,
      plans: built.plans.filter(p => built.builds.some(b => b.ok && b.dockerfile === p.dockerfile && b.target === p.target)),
      buildArgs: o.buildArgs,
      platform: o.platform || undefined,
      renamedFrom: o.renamedFrom,
      lookup: measured.stored,
      log: o.log,
      warn: m => notes.warn(m)
    });
    if (step.info.source === 'none') return { kind: 'none', info: step.info };
    const stored = measured.stored && 'report' in measured.stored ? measured.stored.report : null;
    const drift = step.info.source === 'registry' && stored ? baseDrift(stored, measured.images, o.renamedFrom) : undefined;
    for (const [key, d] of drift ?? []) o.log.info(`${key}: the base image ${d.from ?? ''} moved since the stored report (${d.compressed} bytes compressed)`);
    return { kind: 'measured', sizes: step.baseSizes, missing: step.noBaseline, info: step.info, ...(drift?.size ? { drift } : {}) };
  });
}
