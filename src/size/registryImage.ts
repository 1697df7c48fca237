import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';
import { RegistryClient, splitImageRef } from '../baseline/registry';
import { defaultLayerCache, layerMemoEnabled, readLayerBlob, type ImageArchive, type ImageConfig, type LayerAnalysis, type LayerCache } from './archive';

/**
 * Reads an image from its registry instead of `docker save`: the manifest and config, and only the layers the run has
 * not analysed yet (a stored report of the base brings those it shares). Compressed sizes are the manifest's descriptor
 * sizes, which are the blobs a pull transfers; a streamed layer is checked against its digest and size.
 */

interface Descriptor {
  mediaType?: string;
  digest: string;
  size: number;
  platform?: { architecture?: string; os?: string; variant?: string };
  annotations?: Record<string, string>;
}

const NODE_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ppc64: 'ppc64le', s390x: 's390x', ia32: '386' };

/** Pure: the platform manifest of an index to measure (the given platform, else this machine's), skipping attestations. */
export function pickManifest(manifests: Descriptor[], platform?: string): Descriptor | undefined {
  const [os, arch, variant] = (platform ?? `linux/${NODE_ARCH[process.arch] ?? process.arch}`).split('/');
  const images = manifests.filter(d => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && d.platform?.os !== 'unknown');
  return (
    images.find(d => d.platform?.os === os && d.platform?.architecture === arch && (!variant || d.platform?.variant === variant)) ??
    (images.length === 1 ? images[0] : undefined)
  );
}

function parse<T>(body: Buffer, what: string): T {
  try {
    return JSON.parse(body.toString('utf8')) as T;
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${(e as Error).message}`);
  }
}

async function streamLayer(client: RegistryClient, d: Descriptor): Promise<LayerAnalysis> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      bytes += chunk.length;
      cb(null, chunk);
    }
  });
  const body = await client.getBlobStream(d.digest);
  body.on('error', e => tap.destroy(e));
  const analysis = await readLayerBlob(body.pipe(tap), d.digest);
  const digest = `sha256:${hash.digest('hex')}`;
  if (digest !== d.digest || bytes !== d.size) throw new Error(`the layer ${d.digest} the registry served does not match its digest and size`);
  return analysis;
}

/** The image at `ref` (`host/repo:tag` or `@digest`) as the archive reader would give it. Throws an Error a user can act on. */
export async function readImageFromRegistry(ref: string, o: { cache?: LayerCache; platform?: string; timeoutMs?: number } = {}): Promise<ImageArchive> {
  const cache = o.cache ?? defaultLayerCache;
  const memo = layerMemoEnabled();
  const { repository, reference } = splitImageRef(ref);
  const client = RegistryClient.forRepository(repository, { timeoutMs: o.timeoutMs ?? 10 * 60 * 1000 });
  let m = await client.getManifest(reference);
  if (!m) throw new Error(`the registry has no image ${ref}`);
  let doc = parse<{ manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] }>(m.body, `the manifest of ${ref}`);
  for (let depth = 0; doc.manifests && depth < 4; depth++) {
    const pick = pickManifest(doc.manifests, o.platform);
    if (!pick) throw new Error(`the image ${ref} has no manifest for ${o.platform ?? 'this platform'}`);
    m = await client.getManifest(pick.digest);
    if (!m) throw new Error(`the registry lacks the manifest ${pick.digest} of ${ref}`);
    doc = parse(m.body, `the manifest ${pick.digest}`);
  }
  if (!doc.config || !doc.layers) throw new Error(`${ref} is not an image manifest`);
  const config = parse<ImageConfig>(await client.getBlob(doc.config.digest, 8 * 1024 * 1024), `the config of ${ref}`);
  const layers: LayerAnalysis[] = [];
  for (const d of doc.layers) {
    const known = memo ? cache.get(d.digest) : undefined;
    if (known) {
      cache.hits++;
      layers.push(known.compressedSize === d.size ? known : { ...known, compressedSize: d.size });
      continue;
    }
    const l = await streamLayer(client, d);
    cache.analysed.set(d.digest, (cache.analysed.get(d.digest) ?? 0) + 1);
    if (memo) cache.set(d.digest, l);
    layers.push(l);
  }
  return { format: 'oci', config, configSize: doc.config.size, layers };
}
