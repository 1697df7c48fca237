import { finalStageName } from '../buildx/targets';
import { measureImage } from '../size/analyze';
import type { ImageSize } from '../size/types';
import { formatBytes } from '../size/units';
import type { Built } from './build';
import type { Linted } from './lint';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** Step 4, measure: every image that built, layer by layer; `final` marks the stage that ships. */
export async function measure(o: PipelineOptions, built: Built, linted: Linted, notes: Notes): Promise<ImageSize[]> {
  if (!built.engine || !built.builds.some(b => b.ok)) return [];
  return o.log.group('Measure images', async () => {
    const sizes: ImageSize[] = [];
    for (const b of built.builds) {
      if (!b.ok || !b.image) continue;
      const model = linted.models.find(m => m.path === b.dockerfile);
      try {
        const s = await measureImage(b.image, { dockerfile: b.dockerfile, target: b.target, model });
        s.final = model ? b.target === finalStageName(model) : undefined;
        sizes.push(s);
        o.log.info(`${b.dockerfile} (${b.target}): ${formatBytes(s.compressed)} compressed, ${formatBytes(s.uncompressed)} uncompressed`);
      } catch (e) {
        notes.warn(`Could not measure ${b.image}: ${(e as Error).message}`);
      }
    }
    return sizes;
  });
}
