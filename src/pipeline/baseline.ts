import { buildAtRef } from '../buildx/baseline';
import { measureImage } from '../size/analyze';
import type { ImageSize } from '../size/types';
import type { Built } from './build';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the baseline step hands on: the base branch's sizes, or why there are none. */
export type Baseline =
  /** Not asked for (no PR, no `--base-ref`), or nothing was measured to compare. */
  | { kind: 'not-compared' }
  /** The base could not be had at all (the worktree or the builds failed as a whole). */
  | { kind: 'none' }
  | {
      kind: 'measured';
      sizes: ImageSize[];
      /** `dockerfile#target` keys that exist at the base commit but could not be built or measured there. */
      missing: Set<string>;
    };

/** The key of a (Dockerfile, target) pair, as `Baseline.missing` holds it. */
export function targetKey(dockerfile: string | null, target: string | null): string {
  return `${dockerfile ?? ''}#${target ?? ''}`;
}

/** Step 5, baseline: the same targets built and measured at the base commit, with the base branch's caches. */
export async function baseline(o: PipelineOptions, built: Built, measured: readonly ImageSize[], notes: Notes): Promise<Baseline> {
  if (!o.baseSha || measured.length === 0) return { kind: 'not-compared' };
  const baseSha = o.baseSha;
  return o.log.group(`Build and measure the base commit ${baseSha.slice(0, 12)}`, async (): Promise<Baseline> => {
    const sizes: ImageSize[] = [];
    const missing = new Set<string>();
    try {
      const base = await buildAtRef({
        ...built.runOptions,
        push: false,
        repoDir: o.repoDir ?? o.cwd,
        sha: baseSha,
        plans: built.plans.filter(p => built.builds.some(b => b.ok && b.dockerfile === p.dockerfile && b.target === p.target)),
        cacheRepository: o.cacheRepository || undefined,
        baseBranch: o.baseBranch,
        renamedFrom: o.renamedFrom
      });
      for (const b of base.results) {
        if (!b.ok || !b.image) {
          missing.add(targetKey(b.dockerfile, b.target));
          notes.warn(`No baseline for ${b.dockerfile} (${b.target}): it does not build at the base commit.`);
          continue;
        }
        try {
          // the base commit's own Dockerfile maps the base image's layers; the PR's may have other instructions
          sizes.push(await measureImage(b.image, { dockerfile: b.dockerfile, target: b.target, model: base.models.get(b.dockerfile) }));
        } catch (e) {
          missing.add(targetKey(b.dockerfile, b.target));
          notes.warn(`No baseline for ${b.dockerfile} (${b.target}): ${(e as Error).message}`);
        }
      }
    } catch (e) {
      notes.warn(`No baseline: ${(e as Error).message}`);
      return { kind: 'none' };
    }
    return { kind: 'measured', sizes, missing };
  });
}
