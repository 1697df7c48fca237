import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';

/** Test fixtures: real tar archives written with tar-stream, so byte counts are known exactly. */
export interface FixtureEntry {
  name: string;
  type?: 'file' | 'directory' | 'link' | 'symlink';
  content?: string | Buffer;
  linkname?: string;
}

async function packToBuffer(write: (pack: tar.Pack) => void): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on('data', (c: unknown) => {
      chunks.push(Buffer.from(c as Buffer));
    });
    pack.on('end', () => resolve(Buffer.concat(chunks)));
    pack.on('error', reject);
  });
  write(pack);
  pack.finalize();
  return done;
}

/** One layer tar (uncompressed). */
export function layerTar(entries: FixtureEntry[]): Promise<Buffer> {
  return packToBuffer(pack => {
    for (const e of entries) {
      const type = e.type ?? 'file';
      if (type === 'file') pack.entry({ name: e.name, type, mode: 0o644 }, Buffer.from(e.content ?? ''));
      else pack.entry({ name: e.name, type, mode: 0o755, ...(e.linkname !== undefined ? { linkname: e.linkname } : {}) });
    }
  });
}

export const sha256 = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface FixtureLayer {
  entries: FixtureEntry[];
  gzip: boolean;
  createdBy: string;
}

export interface BuiltArchive {
  archive: Buffer;
  layerTars: Buffer[];
  layerBlobs: Buffer[];
  config: Buffer;
  /** Expected figures, computed from the buffers themselves. */
  compressed: number;
  uncompressed: number;
}

function configFor(layers: FixtureLayer[], tars: Buffer[], extraHistory: { created_by: string; empty_layer?: boolean; comment?: string }[] = []): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
      history: [
        ...layers.map(l => ({ created_by: l.createdBy, comment: 'buildkit.dockerfile.v0' })),
        ...extraHistory
      ]
    })
  );
}

/** The archive with the figures a reader must find: every blob as stored plus the config, and every layer tar. */
function built(archive: Buffer, layerTars: Buffer[], layerBlobs: Buffer[], config: Buffer): BuiltArchive {
  const sum = (bs: Buffer[]): number => bs.reduce((s, b) => s + b.length, 0);
  return { archive, layerTars, layerBlobs, config, compressed: sum(layerBlobs) + config.length, uncompressed: sum(layerTars) };
}

/** An OCI image layout as `docker save` writes it under the containerd store (or a buildx OCI export). */
export async function ociArchive(
  layers: FixtureLayer[],
  opts: { manifestFirst?: boolean; extraHistory?: { created_by: string; empty_layer?: boolean; comment?: string }[]; withAttestation?: boolean } = {}
): Promise<BuiltArchive> {
  const tars = await Promise.all(layers.map(l => layerTar(l.entries)));
  const blobsOut = tars.map((t, i) => (layers[i].gzip ? zlib.gzipSync(t) : t));
  const config = configFor(layers, tars, opts.extraHistory);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(config), size: config.length },
      layers: blobsOut.map((b, i) => ({
        mediaType: layers[i].gzip ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
        digest: sha256(b),
        size: b.length
      }))
    })
  );
  const manifests: unknown[] = [
    { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(manifest), size: manifest.length, platform: { architecture: 'amd64', os: 'linux' } }
  ];
  const extraBlobs: Buffer[] = [];
  if (opts.withAttestation) {
    const att = Buffer.from('{"_type":"https://in-toto.io/Statement/v0.1"}');
    extraBlobs.push(att);
    manifests.unshift({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest: sha256(att),
      size: att.length,
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest' },
      platform: { architecture: 'unknown', os: 'unknown' }
    });
  }
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }));
  const blobName = (b: Buffer): string => `blobs/sha256/${sha256(b).slice(7)}`;
  const archive = await packToBuffer(pack => {
    const meta = (): void => {
      pack.entry({ name: 'index.json' }, index);
      pack.entry({ name: 'oci-layout' }, Buffer.from('{"imageLayoutVersion":"1.0.0"}'));
      pack.entry({ name: blobName(manifest) }, manifest);
      pack.entry({ name: blobName(config) }, config);
    };
    pack.entry({ name: 'blobs/', type: 'directory' });
    pack.entry({ name: 'blobs/sha256/', type: 'directory' });
    if (opts.manifestFirst) meta();
    for (const b of [...extraBlobs, ...blobsOut]) pack.entry({ name: blobName(b) }, b);
    if (!opts.manifestFirst) meta();
  });
  return built(archive, tars, blobsOut, config);
}

/** The docker-save v1 layout of older engines: manifest.json, `<id>.json` config and uncompressed `<id>/layer.tar`. */
export async function dockerSaveV1Archive(layers: FixtureLayer[]): Promise<BuiltArchive> {
  const tars = await Promise.all(layers.map(l => layerTar(l.entries)));
  const config = configFor(layers, tars);
  const configName = `${sha256(config).slice(7)}.json`;
  const ids = tars.map((t, i) => sha256(Buffer.concat([t, Buffer.from(String(i))])).slice(7));
  const manifest = Buffer.from(JSON.stringify([{ Config: configName, RepoTags: ['fixture:1'], Layers: ids.map(id => `${id}/layer.tar`) }]));
  const archive = await packToBuffer(pack => {
    tars.forEach((t, i) => {
      pack.entry({ name: `${ids[i]}/`, type: 'directory' });
      pack.entry({ name: `${ids[i]}/VERSION` }, Buffer.from('1.0'));
      pack.entry({ name: `${ids[i]}/json` }, Buffer.from(`{"id":"${ids[i]}"}`));
      pack.entry({ name: `${ids[i]}/layer.tar` }, t);
    });
    pack.entry({ name: configName }, config);
    pack.entry({ name: 'manifest.json' }, manifest);
    pack.entry({ name: 'repositories' }, Buffer.from('{"fixture":{"1":"x"}}'));
  });
  // the v1 layout stores the layer tars uncompressed: the blobs are the tars
  return built(archive, tars, tars, config);
}

/** A readable that hands out the archive in small, uneven chunks, as a pipe would. */
export function chunked(buf: Buffer, size = 7919): Readable {
  let off = 0;
  return new Readable({
    read() {
      if (off >= buf.length) return this.push(null);
      const n = Math.min(size, buf.length - off);
      this.push(buf.subarray(off, off + n));
      off += n;
    }
  });
}

/** Deterministic bytes that gzip cannot shrink much. */
export function noise(n: number, seed = 1): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  return b;
}
