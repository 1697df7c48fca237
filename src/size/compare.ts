import { diffPackages } from './packages/inventory';
import type { ImageSize, LayerDiffEntry, LayerSize } from './types';

/** Pure: the key two measurements of the same target share across branches. */
export function targetKey(s: Pick<ImageSize, 'dockerfile' | 'target' | 'image'>): string {
  return s.dockerfile !== null || s.target !== null ? `${s.dockerfile ?? ''}#${s.target ?? ''}` : `image:${s.image}`;
}

/**
 * Pure: layer diff between the base and the PR, matched by instruction text first (in order, so two identical
 * instructions pair up by position), then leftover layers by position when their keyword agrees (an edited RUN is
 * "the same layer, grown" rather than "removed + added").
 */
export function diffLayers(base: LayerSize[], pr: LayerSize[]): LayerDiffEntry[] {
  const usedBase = new Set<number>();
  const pairOf: (number | null)[] = pr.map(() => null);
  let from = 0;
  pr.forEach((l, i) => {
    for (let k = from; k < base.length; k++) {
      if (!usedBase.has(k) && base[k].instruction === l.instruction) {
        usedBase.add(k);
        pairOf[i] = k;
        from = k + 1;
        return;
      }
    }
  });
  const kw = (s: string): string => s.split(/\s/, 1)[0].toUpperCase();
  pr.forEach((l, i) => {
    if (pairOf[i] !== null) return;
    // Same position among unmatched neighbours: the nearest unused base layer between the matched ones around it.
    const prevBase = (() => {
      for (let j = i - 1; j >= 0; j--) if (pairOf[j] !== null) return pairOf[j]!;
      return -1;
    })();
    const nextBase = (() => {
      for (let j = i + 1; j < pr.length; j++) if (pairOf[j] !== null) return pairOf[j]!;
      return base.length;
    })();
    for (let k = prevBase + 1; k < nextBase; k++) {
      if (!usedBase.has(k) && kw(base[k].instruction) === kw(l.instruction)) {
        usedBase.add(k);
        pairOf[i] = k;
        return;
      }
    }
  });
  const out: LayerDiffEntry[] = [];
  let nextBaseToEmit = 0;
  const emitRemovedUpTo = (limit: number): void => {
    for (; nextBaseToEmit < limit; nextBaseToEmit++) {
      if (!usedBase.has(nextBaseToEmit)) {
        out.push({ instruction: base[nextBaseToEmit].instruction, change: 'removed', base: base[nextBaseToEmit].compressed, pr: null });
      }
    }
  };
  pr.forEach((l, i) => {
    const k = pairOf[i];
    if (k === null) {
      out.push({ instruction: l.instruction, change: 'added', base: null, pr: l.compressed });
      return;
    }
    emitRemovedUpTo(k);
    nextBaseToEmit = Math.max(nextBaseToEmit, k + 1);
    const b = base[k].compressed;
    out.push({ instruction: l.instruction, change: l.compressed > b ? 'grew' : l.compressed < b ? 'shrank' : 'same', base: b, pr: l.compressed });
  });
  emitRemovedUpTo(base.length);
  return out;
}

/**
 * Pure: fills base/delta/layerDiff/baseStatus of the PR's images from the base branch's. Targets only in the PR are
 * `new`; targets only on the base are appended as `deleted` (their sizes are the base's, with a negative delta).
 * An image already marked `no-baseline` (the base failed to build) or `not-compared` is left so.
 */
export function compareImages(pr: ImageSize[], base: ImageSize[]): ImageSize[] {
  const baseByKey = new Map(base.map(b => [targetKey(b), b]));
  const seen = new Set<string>();
  const out = pr.map((p): ImageSize => {
    const key = targetKey(p);
    seen.add(key);
    if (p.baseStatus === 'no-baseline' || p.baseStatus === 'not-compared') return { ...p, base: null, delta: null };
    const b = baseByKey.get(key);
    if (!b) return { ...p, base: null, delta: null, baseStatus: 'new', layerDiff: [] };
    return {
      ...p,
      base: { compressed: b.compressed, uncompressed: b.uncompressed },
      delta: { compressed: p.compressed - b.compressed, uncompressed: p.uncompressed - b.uncompressed },
      layerDiff: diffLayers(b.layers, p.layers),
      ...(p.installed && b.installed ? { packages: diffPackages(b.installed, p.installed, 'base-branch') } : {}),
      baseStatus: 'compared'
    };
  });
  for (const b of base) {
    if (seen.has(targetKey(b))) continue;
    out.push({
      ...b,
      findings: [],
      base: { compressed: b.compressed, uncompressed: b.uncompressed },
      delta: { compressed: -b.compressed, uncompressed: -b.uncompressed },
      layerDiff: b.layers.map(l => ({ instruction: l.instruction, change: 'removed' as const, base: l.compressed, pr: null })),
      baseStatus: 'deleted'
    });
  }
  return out;
}

/**
 * Pure: for the images of one multi-stage Dockerfile, the biggest non-final stage beside the final image, and what
 * the final image avoided by not shipping it. Measured sizes (uncompressed), never estimates. Null when the
 * Dockerfile has one measured target or the final image is the biggest.
 */
export function multiStageSavings(
  sizes: ImageSize[],
  finalTarget?: string | null
): { biggestBuildStage: string; biggestBuildStageBytes: number; savedBytes: number; percent: number } | null {
  if (sizes.length < 2) return null;
  const final = finalTarget !== undefined ? sizes.find(s => s.target === finalTarget) : sizes[sizes.length - 1];
  if (!final) return null;
  let biggest: ImageSize | null = null;
  for (const s of sizes) if (s !== final && (!biggest || s.uncompressed > biggest.uncompressed)) biggest = s;
  if (!biggest || biggest.uncompressed <= final.uncompressed) return null;
  const saved = biggest.uncompressed - final.uncompressed;
  return {
    biggestBuildStage: biggest.target ?? biggest.image,
    biggestBuildStageBytes: biggest.uncompressed,
    savedBytes: saved,
    percent: Math.round((saved / biggest.uncompressed) * 1000) / 10
  };
}
