import { Writable, PassThrough, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { MAX_DB_BYTES_PER_LAYER, MAX_DB_FILE_BYTES, packageDbKind } from './packages/paths';

/**
 * Streaming reader of image archives: `docker save` output (an OCI image layout with index.json under the
 * containerd image store, or the docker-save v1 layout with manifest.json and uncompressed `layer.tar`s on older
 * engines) and buildx OCI exports. One pass, in whatever order the blobs come: every blob is analysed as it streams
 * by (gzip detected by its magic bytes, a tar by elimination, small JSON kept), and the manifest joins them at the end.
 * A layer is never held in memory: only its file list is kept.
 */

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'whiteout' | 'opaque' | 'other';

export interface LayerEntry {
  /** Normalised: no leading `./` or `/`, no trailing `/`. For a whiteout, the path it deletes; for opaque, the dir. */
  path: string;
  /** Bytes of content stored in the layer (0 for dirs, links, whiteouts). */
  size: number;
  type: EntryType;
  /** Target of a hard link or symlink. */
  linkname?: string;
}

export interface LayerAnalysis {
  /** `sha256:...` of the blob (OCI layout) or the archive path of the layer (v1 layout). */
  key: string;
  /** Blob size in the archive. */
  compressedSize: number;
  /** Bytes of the (decompressed) layer tar stream. */
  uncompressedSize: number;
  gzip: boolean;
  /**
   * For a layer stored uncompressed (the classic image store's `docker save`, or a v1 archive): its size after gzip at
   * level 6, what `docker push` sends and a pull transfers. Undefined for a layer that is already compressed.
   */
  gzipEstimate?: number;
  entries: LayerEntry[];
  /** The installed-package databases this layer writes (see ./packages/paths.ts), as text; bounded in size. */
  databases?: DatabaseFile[];
}

/** One package-database file a layer wrote, kept whole (or cut at MAX_DB_FILE_BYTES, then `truncated`). */
export interface DatabaseFile {
  path: string;
  text: string;
  truncated?: boolean;
}

export interface ImageConfig {
  created?: string;
  history?: { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
  rootfs?: { type?: string; diff_ids?: string[] };
  config?: Record<string, unknown>;
  architecture?: string;
  os?: string;
}

export interface ImageArchive {
  format: 'oci' | 'docker-save-v1';
  config: ImageConfig;
  configSize: number;
  /** Layers in manifest order (bottom first). */
  layers: LayerAnalysis[];
}

/** Layer analyses by blob digest, shared across images: a base image used by many targets is read once. */
export class LayerCache {
  private readonly map = new Map<string, LayerAnalysis>();
  constructor(private readonly maxLayers = 512) {}
  get(key: string): LayerAnalysis | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: LayerAnalysis): void {
    if (this.map.size >= this.maxLayers) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
  get size(): number {
    return this.map.size;
  }
  /** How many times each layer was decompressed and walked (not served from the memo): for tests and the bench. */
  readonly analysed = new Map<string, number>();
  /** Layers served from the memo instead of being read again. */
  hits = 0;
}

/** `STAGEGUARD_LAYER_MEMO=off` reads every layer again (the bench measures what the memo saves); read at call time. */
export function layerMemoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return !/^(off|false|0|no)$/i.test(env.STAGEGUARD_LAYER_MEMO ?? '');
}

export const defaultLayerCache = new LayerCache();

/** JSON blobs (manifests, configs, indexes) are small; anything bigger that starts with `{` is not kept. */
const MAX_JSON_BYTES = 8 * 1024 * 1024;

/** Pure: `./a/b/` → `a/b`. */
export function normalizeEntryPath(name: string): string {
  let p = name.replace(/\\/g, '/');
  while (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/^\/+/, '').replace(/\/+$/, '').replace(/\/{2,}/g, '/');
  return p === '.' ? '' : p;
}

/** Pure: turns one tar header of a layer into an entry, recognising OCI whiteouts and opaque markers. */
export function layerEntryFromHeader(h: { name: string; size?: number | null; type?: string | null; linkname?: string | null }): LayerEntry | null {
  const path = normalizeEntryPath(h.name);
  if (path === '') return null;
  const slash = path.lastIndexOf('/');
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const base = slash < 0 ? path : path.slice(slash + 1);
  if (base === '.wh..wh..opq') return { path: dir, size: 0, type: 'opaque' };
  if (base.startsWith('.wh.')) return { path: dir ? `${dir}/${base.slice(4)}` : base.slice(4), size: 0, type: 'whiteout' };
  switch (h.type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return { path, size: h.size ?? 0, type: 'file' };
    case 'directory':
      return { path, size: 0, type: 'dir' };
    case 'symlink':
      return { path, size: 0, type: 'symlink', linkname: h.linkname ?? '' };
    case 'link':
      return { path, size: 0, type: 'hardlink', linkname: normalizeEntryPath(h.linkname ?? '') };
    default:
      return { path, size: 0, type: 'other' };
  }
}

type BlobKind = 'gzip' | 'zstd' | 'json' | 'tar';

/** Pure: what a blob is, from its first bytes. */
export function sniffBlob(head: Buffer): BlobKind {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  let i = 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (i < head.length && (head[i] === 0x7b || head[i] === 0x5b)) return 'json';
  return 'tar';
}

/**
 * Reads one layer tar (already decompressed) from a writable side, collecting entries, and the text of the package
 * databases in it (bounded per file and per layer: a hostile layer cannot make the reader hold more).
 */
function layerTarReader(entries: LayerEntry[], databases: DatabaseFile[]): { sink: Writable; done: Promise<void> } {
  const extract = tar.extract();
  let kept = 0;
  extract.on('entry', (header, stream, next) => {
    const e = layerEntryFromHeader(header);
    if (e) entries.push(e);
    if (e?.type === 'file' && packageDbKind(e.path) !== null && kept < MAX_DB_BYTES_PER_LAYER) {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let truncated = false;
      stream.on('data', (data: unknown) => {
        const c = data as Buffer;
        const room = Math.min(MAX_DB_FILE_BYTES - bytes, MAX_DB_BYTES_PER_LAYER - kept);
        if (room <= 0) {
          truncated = true;
          return;
        }
        const part = c.length > room ? c.subarray(0, room) : c;
        if (part.length < c.length) truncated = true;
        chunks.push(part);
        bytes += part.length;
        kept += part.length;
      });
      stream.on('end', () => {
        databases.push({ path: e.path, text: Buffer.concat(chunks).toString('utf8'), ...(truncated ? { truncated: true } : {}) });
        next();
      });
      return;
    }
    stream.on('end', () => next());
    stream.resume();
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on('finish', () => resolve());
    extract.on('error', reject);
  });
  return { sink: extract as unknown as Writable, done };
}

/**
 * Writable for one blob of the outer archive: decides on the first chunk what the blob is and analyses it while it
 * streams. `result()` resolves once the blob has been fully consumed.
 */
class BlobAnalyzer extends Writable {
  compressed = 0;
  uncompressed = 0;
  /** Bytes after gzip -6, for a blob stored as a plain tar (see LayerAnalysis.gzipEstimate). */
  gzipped = 0;
  kind: BlobKind | null = null;
  readonly entries: LayerEntry[] = [];
  readonly databases: DatabaseFile[] = [];
  private json: Buffer[] | null = null;
  private jsonBytes = 0;
  private src: PassThrough | null = null;
  private inner: Promise<void> | null = null;
  private head: Buffer | null = null;
  private waiting: (() => void) | null = null;
  /** Set when the blob looked like a tar but is not one (e.g. a v1 `VERSION` file): it is then no layer. */
  invalid: string | null = null;

  constructor(private readonly skipContent: boolean) {
    super({ highWaterMark: 1 << 20 });
  }

  jsonText(): string | null {
    return this.json ? Buffer.concat(this.json).toString('utf8') : null;
  }

  private start(kind: BlobKind): void {
    this.kind = kind;
    if (kind === 'json') {
      this.json = [];
      return;
    }
    if (this.skipContent || kind === 'zstd') return;
    const src = new PassThrough({ highWaterMark: 1 << 20 });
    const tarReader = layerTarReader(this.entries, this.databases);
    let upstream: Readable = src;
    if (kind === 'gzip') {
      const gunzip = zlib.createGunzip({ chunkSize: 256 * 1024 });
      src.pipe(gunzip);
      upstream = gunzip;
    }
    upstream.on('data', (c: Buffer) => {
      this.uncompressed += c.length;
    });
    upstream.pipe(tarReader.sink);
    const upstreamDone = new Promise<void>((resolve, reject) => {
      upstream.on('end', resolve);
      upstream.on('error', reject);
    });
    // A layer kept uncompressed is not what a pull transfers: gzip it on the way by (level 6, as `docker push`
    // compresses) and count the bytes, never keeping them.
    let gzipDone: Promise<void> = Promise.resolve();
    if (kind === 'tar') {
      const gzip = zlib.createGzip({ level: 6, chunkSize: 256 * 1024 });
      src.pipe(gzip);
      gzip.on('data', (c: Buffer) => {
        this.gzipped += c.length;
      });
      gzipDone = new Promise<void>((resolve, reject) => {
        gzip.on('end', resolve);
        gzip.on('error', reject);
      });
    }
    this.inner = Promise.all([upstreamDone, tarReader.done, gzipDone]).then(
      () => undefined,
      (e: unknown) => this.abandon(e)
    );
    tarReader.sink.on('error', e => this.abandon(e));
    upstream.on('error', e => this.abandon(e));
    this.src = src;
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.compressed += chunk.length;
    if (this.kind === null) {
      // Decide on the first bytes (a tar needs no sniffing beyond "not gzip/zstd/json").
      this.head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      if (this.head.length < 4 && this.compressed < 4) return cb();
      const head = this.head;
      this.head = null;
      this.start(sniffBlob(head));
      return this.feed(head, cb);
    }
    this.feed(chunk, cb);
  }

  /** The blob is not a readable layer: keep counting its bytes, stop parsing it, release a blocked write. */
  private abandon(e: unknown): void {
    if (this.invalid === null) this.invalid = e instanceof Error ? e.message : String(e);
    const src = this.src;
    this.src = null;
    if (src) {
      src.unpipe();
      src.resume();
    }
    const w = this.waiting;
    this.waiting = null;
    w?.();
  }

  private feed(chunk: Buffer, cb: (err?: Error | null) => void): void {
    if (this.json) {
      this.jsonBytes += chunk.length;
      if (this.jsonBytes > MAX_JSON_BYTES) this.json = null;
      else this.json.push(chunk);
      return cb();
    }
    if (!this.src) return cb();
    if (this.src.write(chunk)) return cb();
    const release = (): void => {
      if (this.waiting !== release) return;
      this.waiting = null;
      cb();
    };
    this.waiting = release;
    this.src.once('drain', release);
  }

  override _final(cb: (err?: Error | null) => void): void {
    if (this.kind === null && this.head) {
      const head = this.head;
      this.head = null;
      this.start(sniffBlob(head));
      this.feed(head, () => this.finishInner(cb));
      return;
    }
    this.finishInner(cb);
  }

  private finishInner(cb: (err?: Error | null) => void): void {
    if (!this.src || !this.inner) return cb();
    this.src.end();
    void this.inner.then(() => cb());
  }
}

interface RawBlob {
  analysis?: LayerAnalysis;
  invalid?: string;
  json?: string;
  size: number;
  kind: BlobKind | null;
}

/** Pure: the key a blob of the outer archive is known by: `sha256:<hex>` in an OCI layout, else its path. */
export function blobKey(name: string): string {
  const p = normalizeEntryPath(name);
  const m = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(p);
  return m ? `${m[1]}:${m[2]}` : p;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { architecture?: string; os?: string; variant?: string };
  annotations?: Record<string, string>;
}

/** Reads an image archive stream. Throws an Error a user can act on when the archive is not an image. */
export async function readImageArchive(input: Readable, opts: { cache?: LayerCache } = {}): Promise<ImageArchive> {
  const cache = opts.cache ?? defaultLayerCache;
  const memo = layerMemoEnabled();
  const blobs = new Map<string, RawBlob>();
  const extract = tar.extract();

  const finished = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const fail = (e: unknown): void => {
        const err = e instanceof Error ? e : new Error(String(e));
        next(new Error(`reading ${header.name} in the image archive: ${err.message}`));
      };
      if (header.type === 'symlink' || header.type === 'link') {
        // Old docker-save archives may link a layer.tar to another one; record it and join later.
        blobs.set(blobKey(header.name), { size: 0, kind: null, json: `@link:${header.linkname ?? ''}` });
        stream.on('end', () => next());
        stream.resume();
        return;
      }
      if (header.type !== 'file' && header.type !== 'contiguous-file') {
        stream.on('end', () => next());
        stream.resume();
        return;
      }
      const key = blobKey(header.name);
      const cached = memo ? cache.get(key) : undefined;
      const analyzer = new BlobAnalyzer(cached !== undefined);
      analyzer.on('error', fail);
      analyzer.on('finish', () => {
        const size = analyzer.compressed;
        if (analyzer.kind === 'json') {
          const text = analyzer.jsonText();
          blobs.set(key, { size, kind: 'json', ...(text !== null ? { json: text } : {}) });
        } else if (cached) {
          blobs.set(key, { size, kind: analyzer.kind, analysis: cached });
        } else if (analyzer.kind === 'zstd') {
          blobs.set(key, { size, kind: 'zstd' });
        } else if (analyzer.invalid !== null) {
          blobs.set(key, { size, kind: analyzer.kind, invalid: analyzer.invalid });
        } else {
          blobs.set(key, { size, kind: analyzer.kind, analysis: analysisOf(key, size, analyzer) });
        }
        next();
      });
      (stream as unknown as Readable).on('error', fail);
      (stream as unknown as Readable).pipe(analyzer);
    });
    extract.on('finish', () => resolve());
    extract.on('error', reject);
    input.on('error', reject);
  });
  input.pipe(extract as unknown as Writable);
  await finished;

  const result = joinArchive(blobs);
  for (const b of blobs.values()) {
    if (!b.analysis) continue;
    if (b.analysis === cache.get(b.analysis.key)) cache.hits++;
    else cache.analysed.set(b.analysis.key, (cache.analysed.get(b.analysis.key) ?? 0) + 1);
  }
  if (memo) for (const l of result.layers) if (/^sha256:/.test(l.key)) cache.set(l.key, l);
  return result;
}

function parseJson<T>(text: string | undefined, what: string): T {
  if (text === undefined) throw new Error(`the image archive has no ${what}`);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new Error(`the image archive's ${what} is not valid JSON: ${(e as Error).message}`);
  }
}

function blobJson<T>(blobs: Map<string, RawBlob>, digest: string, what: string): T {
  const b = blobs.get(digest);
  if (!b) throw new Error(`the image archive lacks the ${what} blob ${digest}`);
  return parseJson<T>(b.json, `${what} ${digest}`);
}

function layerFor(blobs: Map<string, RawBlob>, key: string, depth = 0): LayerAnalysis {
  const b = blobs.get(key);
  if (!b) throw new Error(`the image archive lacks the layer ${key}`);
  if (b.json?.startsWith('@link:') && depth < 8) {
    const target = b.json.slice('@link:'.length);
    const dir = key.includes('/') ? key.slice(0, key.lastIndexOf('/')) : '';
    const resolved = normalizeEntryPath(target.startsWith('/') ? target : `${dir}/${target}`).replace(/(^|\/)[^/]+\/\.\.\//g, '$1');
    return layerFor(blobs, blobs.has(resolved) ? resolved : normalizeEntryPath(target.replace(/^(\.\.\/)+/, '')), depth + 1);
  }
  if (b.kind === 'zstd') throw new Error(`layer ${key} is zstd-compressed; stageguard reads gzip and uncompressed layers`);
  if (!b.analysis) throw new Error(`blob ${key} is not a layer tar${b.invalid ? ` (${b.invalid})` : ''}`);
  return b.analysis;
}

/** Joins analysed blobs by the archive's manifest (docker-save manifest.json first, else the OCI index). */
function joinArchive(blobs: Map<string, RawBlob>): ImageArchive {
  const manifestJson = blobs.get('manifest.json');
  const indexJson = blobs.get('index.json');
  if (manifestJson?.json && !indexJson) {
    // docker-save v1: [{Config: "<id>.json", Layers: ["<id>/layer.tar", ...]}]
    const m = parseJson<{ Config: string; Layers: string[] }[]>(manifestJson.json, 'manifest.json');
    if (!Array.isArray(m) || !m[0]) throw new Error('the image archive manifest.json lists no image');
    const cfgKey = blobKey(m[0].Config);
    const cfg = blobs.get(cfgKey);
    return {
      format: 'docker-save-v1',
      config: parseJson<ImageConfig>(cfg?.json, `config ${m[0].Config}`),
      configSize: cfg?.size ?? 0,
      layers: m[0].Layers.map(l => layerFor(blobs, blobKey(l)))
    };
  }
  if (!indexJson) throw new Error('not an image archive: neither index.json nor manifest.json was found');
  const manifest = resolveManifest(blobs, parseJson<{ manifests?: Descriptor[] }>(indexJson.json, 'index.json'));
  const cfgDesc = manifest.config;
  const cfg = blobs.get(cfgDesc.digest);
  return {
    format: 'oci',
    config: blobJson<ImageConfig>(blobs, cfgDesc.digest, 'config'),
    configSize: cfgDesc.size ?? cfg?.size ?? 0,
    layers: manifest.layers.map(d => {
      const layer = layerFor(blobs, d.digest);
      return layer.compressedSize === (d.size ?? layer.compressedSize) ? layer : { ...layer, compressedSize: d.size ?? layer.compressedSize };
    })
  };
}

interface Manifest {
  config: Descriptor;
  layers: Descriptor[];
}

/** Picks the image manifest: skips attestation manifests and platforms whose blobs are not in the archive. */
function resolveManifest(blobs: Map<string, RawBlob>, index: { manifests?: Descriptor[] }, depth = 0): Manifest {
  const candidates = (index.manifests ?? []).filter(
    d => d.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest' && d.platform?.os !== 'unknown'
  );
  for (const d of candidates) {
    const b = blobs.get(d.digest);
    if (!b?.json) continue;
    const doc = parseJson<{ mediaType?: string; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] }>(b.json, `manifest ${d.digest}`);
    if (doc.manifests && depth < 4) {
      try {
        return resolveManifest(blobs, doc, depth + 1);
      } catch {
        continue;
      }
    }
    if (doc.config && doc.layers && blobs.has(doc.config.digest)) return { config: doc.config, layers: doc.layers };
  }
  throw new Error('the image archive has no image manifest whose config is in the archive');
}

/**
 * Analyses one layer blob on its own (as a registry's blob endpoint serves it): gzip or plain tar, streamed, never held.
 * `key` is its digest. Throws when the blob is not a readable layer.
 */
export async function readLayerBlob(input: Readable, key: string): Promise<LayerAnalysis> {
  const analyzer = new BlobAnalyzer(false);
  await new Promise<void>((resolve, reject) => {
    analyzer.on('finish', resolve);
    analyzer.on('error', reject);
    input.on('error', reject);
    input.pipe(analyzer);
  });
  if (analyzer.kind === 'zstd') throw new Error(`layer ${key} is zstd-compressed; stageguard reads gzip and uncompressed layers`);
  if (analyzer.kind === 'json' || analyzer.invalid !== null) throw new Error(`blob ${key} is not a layer tar${analyzer.invalid ? ` (${analyzer.invalid})` : ''}`);
  return analysisOf(key, analyzer.compressed, analyzer);
}

/** The analysis of one layer blob the analyzer has read whole: its sizes, its entries and its package databases. */
function analysisOf(key: string, size: number, analyzer: BlobAnalyzer): LayerAnalysis {
  return {
    key,
    compressedSize: size,
    uncompressedSize: analyzer.kind === 'gzip' ? analyzer.uncompressed : size,
    gzip: analyzer.kind === 'gzip',
    ...(analyzer.kind === 'tar' ? { gzipEstimate: analyzer.gzipped } : {}),
    entries: analyzer.entries,
    ...(analyzer.databases.length > 0 ? { databases: analyzer.databases } : {})
  };
}
