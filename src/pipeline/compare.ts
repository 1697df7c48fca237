import { compareImages, multiStageSavings } from '../size/compare';
import type { ImageSize } from '../size/types';
import { targetKey, type Baseline } from './baseline';

/**
 * Step 6, compare (pure): each image beside the same target at the base, and the shipped image beside the biggest
 * build stage of its Dockerfile (the multi-stage savings; only when the final stage was built).
 */
export function compare(measured: readonly ImageSize[], base: Baseline): ImageSize[] {
  let sizes: ImageSize[];
  if (base.kind === 'not-compared') sizes = measured.map(s => ({ ...s, baseStatus: 'not-compared' as const }));
  else {
    const marked = measured.map(s =>
      base.kind === 'none' || base.missing.has(targetKey(s.dockerfile, s.target)) ? { ...s, baseStatus: 'no-baseline' as const } : s
    );
    sizes = compareImages(marked, base.kind === 'measured' ? base.sizes : []);
    // a base image that moved since the stored report: that part of the delta is not the PR's
    if (base.kind === 'measured' && base.drift) {
      for (const s of sizes) {
        const d = s.baseStatus === 'compared' ? base.drift.get(targetKey(s.dockerfile, s.target)) : undefined;
        if (d) s.baseDrift = d;
      }
    }
  }
  for (const final of sizes) {
    if (!final.final || final.baseStatus === 'deleted') continue;
    const sameFile = sizes.filter(s => s.dockerfile === final.dockerfile && s.baseStatus !== 'deleted');
    final.savings = multiStageSavings(sameFile, final.target);
  }
  return sizes;
}
