import type { Lookup, MeasuredImage } from '../baseline/step';
import { primeLayerCache } from '../baseline/step';
import { finalStageName } from '../buildx/targets';
import { measureImageLayers } from '../size/analyze';
import { defaultLayerCache } from '../size/archive';
import type { ImageSize } from '../size/types';
import { formatBytes } from '../size/units';
import type { Built } from './build';
import type { Linted } from './lint';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the measure step hands on: the figures, each image's layer analyses (for the stored report), the base's report. */
export interface Measured {
  sizes: ImageSize[];
  images: MeasuredImage[];
  /** What the registry had for the base (looked up while the stages built), or null. */
  stored: Lookup | null;
}

/** Step 4, measure: every image that built, layer by layer; `final` marks the stage that ships. */
export async function measure(o: PipelineOptions, built: Built, linted: Linted, notes: Notes): Promise<Measured> {
  const stored = built.lookup ? await built.lookup : null;
  if (!built.engine || !built.builds.some(b => b.ok)) return { sizes: [], images: [], stored };
  return o.log.group('Measure images', async () => {
    // the layers the PR shares with its base were read by the base's run: their analyses come with its report
    if (stored && 'report' in stored) o.log.info(`${primeLayerCache(stored.report, defaultLayerCache)} layer analyses from ${stored.tag}`);
    const sizes: ImageSize[] = [];
    const images: MeasuredImage[] = [];
    for (const b of built.builds) {
      if (!b.ok || !b.image) continue;
      const model = linted.models.find(m => m.path === b.dockerfile);
      try {
        const m = await measureImageLayers(b.image, {
          dockerfile: b.dockerfile,
          target: b.target,
          model,
          ...(b.registryRef ? { registryRef: b.registryRef } : {}),
          ...(o.platform ? { platform: o.platform } : {})
        });
        const s = m.size;
        s.final = model ? b.target === finalStageName(model) : undefined;
        sizes.push(s);
        images.push(m);
        o.log.info(`${b.dockerfile} (${b.target}): ${formatBytes(s.compressed)} compressed, ${formatBytes(s.uncompressed)} uncompressed`);
      } catch (e) {
        notes.warn(`Could not measure ${b.image}: ${(e as Error).message}`);
      }
    }
    return { sizes, images, stored };
  });
}
