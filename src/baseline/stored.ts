import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { tagPart } from '../buildx/cacheRefs';
import type { LayerAnalysis, LayerEntry } from '../size/archive';
import type { ImageSize } from '../size/types';
import type { LintReport } from '../lint/rule';
import { redactDeep } from '../redact';
import { targetKey } from './info';

/**
 * The report a run that may write caches stores beside them, for the pull requests that come after it: the sizes it
 * measured (before any comparison), the analysis of every layer it read (keyed by digest, so a PR need not read the
 * layers it shares with its base again), the lint findings, the base images' layer digests and what it was asked to
 * build. Stored as an OCI 1.1 artifact: `artifactType` names it, the config is the empty descriptor, one layer holds the
 * gzip-compressed JSON (see https://github.com/opencontainers/image-spec/blob/main/manifest.md#guidelines-for-artifact-usage).
 */

/** Bumped whenever the stored shape changes in a way an older reader would misread. */
export const STORED_SCHEMA = 1;
export const ARTIFACT_TYPE = 'application/vnd.stageguard.report.v1+json';
export const LAYER_MEDIA_TYPE = 'application/vnd.stageguard.report.v1+json+gzip';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
/** The OCI 1.1 empty descriptor: the two bytes `{}`. */
export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2,
  data: 'e30='
} as const;
/** A stored report bigger than this (compressed) is not read: 32 MiB holds the file lists of several GB of images. */
export const MAX_STORED_BYTES = 32 * 1024 * 1024;

export interface StoredLayer {
  compressedSize: number;
  uncompressedSize: number;
  gzip: boolean;
  gzipEstimate?: number;
  /** [path, size, type, linkname?] per entry: the file list the waste and content findings are computed from. */
  entries: [string, number, LayerEntry['type'], string?][];
}

export interface StoredReport {
  schema: number;
  tool: { name: 'stageguard'; version: string };
  branch: string;
  sha: string;
  created: string;
  /** What decides the images besides the Dockerfiles: a digest of the build args (never their values) and the platform. */
  inputs: { buildArgs: string; platform: string | null };
  /** Every Dockerfile the run built, with its stage names (lower-cased) as they were at `sha`. */
  dockerfiles: { path: string; stages: string[] }[];
  /** Every (Dockerfile, target) the run built. */
  targets: { dockerfile: string; target: string }[];
  /** The images as measured (no base, no delta). */
  sizes: ImageSize[];
  /** The layer digests of each image's base image (the layers before the Dockerfile's own): drift shows here. */
  baseImages: { dockerfile: string; target: string; from: string | null; layers: string[] }[];
  layers: Record<string, StoredLayer>;
  lint: LintReport;
}

/** Pure: a digest of the build args, so a report made with other args is not trusted, without storing their values. */
export function buildArgsDigest(buildArgs: readonly string[]): string {
  return `sha256:${createHash('sha256').update(JSON.stringify([...buildArgs].sort())).digest('hex')}`;
}

/** Pure: the tag of a commit's report, `report_<sha12>`. */
export function commitReportTag(sha: string): string {
  if (!/^[0-9a-f]{12,64}$/i.test(sha)) throw new Error(`"${sha}" is not a commit sha`);
  return `report_${sha.slice(0, 12).toLowerCase()}`;
}

/**
 * Pure: the tag of a branch's newest report, `report_<branch-slug>`; one-to-one like the cache tags, and never the
 * shape of a commit's tag (a branch named like 12 hex digits gets the hash suffix), so no branch can write over a
 * commit's report.
 */
export function branchReportTag(branch: string): string {
  let part = tagPart(branch, 100, true);
  if (/^[0-9a-f]{12}$/.test(part)) part = `${part}-${createHash('sha256').update(branch).digest('hex').slice(0, 8)}`;
  return `report_${part}`.slice(0, 128);
}

/** Pure: the compact form of a layer analysis (the stored report holds every layer a run read). */
export function storeLayer(l: LayerAnalysis): StoredLayer {
  return {
    compressedSize: l.compressedSize,
    uncompressedSize: l.uncompressedSize,
    gzip: l.gzip,
    ...(l.gzipEstimate !== undefined ? { gzipEstimate: l.gzipEstimate } : {}),
    entries: l.entries.map(e => (e.linkname !== undefined ? [e.path, e.size, e.type, e.linkname] : [e.path, e.size, e.type]))
  };
}

/** Pure: a stored layer back into the analysis the archive reader would have made. */
export function loadLayer(key: string, s: StoredLayer): LayerAnalysis {
  return {
    key,
    compressedSize: s.compressedSize,
    uncompressedSize: s.uncompressedSize,
    gzip: s.gzip,
    ...(s.gzipEstimate !== undefined ? { gzipEstimate: s.gzipEstimate } : {}),
    entries: s.entries.map(([path, size, type, linkname]) => (linkname !== undefined ? { path, size, type, linkname } : { path, size, type }))
  };
}

/**
 * Pure: the artifact's one layer and its manifest. Every string passes through the redaction net first (GitHub token
 * formats and the run's registered secrets), so a token a build printed into a finding never reaches the registry.
 */
export function encodeArtifact(report: StoredReport, secrets: readonly string[] = []): { layer: Buffer; manifest: (layerDigest: string) => Buffer } {
  const json = JSON.stringify(redactDeep(report, secrets));
  const layer = gzipSync(json, { level: 6 });
  return {
    layer,
    manifest: (layerDigest: string) =>
      Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: OCI_MANIFEST,
          artifactType: ARTIFACT_TYPE,
          config: EMPTY_CONFIG,
          layers: [{ mediaType: LAYER_MEDIA_TYPE, digest: layerDigest, size: layer.length }],
          annotations: {
            'org.opencontainers.image.created': report.created,
            'org.opencontainers.image.revision': report.sha,
            'org.opencontainers.image.ref.name': report.branch,
            'dev.stageguard.version': report.tool.version
          }
        })
      )
  };
}

/** Pure: the report layer's descriptor in an artifact manifest, or the reason it is not one of stageguard's reports. */
export function reportLayerOf(manifestBody: Buffer): { digest: string; size: number } | { reason: string } {
  let m: { artifactType?: string; mediaType?: string; layers?: { mediaType?: string; digest?: string; size?: number }[] };
  try {
    m = JSON.parse(manifestBody.toString('utf8')) as typeof m;
  } catch {
    return { reason: 'its manifest is not valid JSON' };
  }
  if (m.artifactType !== ARTIFACT_TYPE) return { reason: `it is not a stageguard report (artifactType ${JSON.stringify(m.artifactType ?? null)})` };
  const l = m.layers?.find(x => x.mediaType === LAYER_MEDIA_TYPE);
  if (!l || typeof l.digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(l.digest) || typeof l.size !== 'number') {
    return { reason: 'its manifest has no report layer' };
  }
  if (l.size > MAX_STORED_BYTES) return { reason: `its report layer is ${l.size} bytes, more than ${MAX_STORED_BYTES}` };
  return { digest: l.digest, size: l.size };
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';

/** Pure: the first way `v` is not an ImageSize as the compare step reads it, or null. */
function sizeProblem(v: unknown, i: number): string | null {
  if (!isObj(v)) return `sizes[${i}] is not an object`;
  if (!isStr(v.dockerfile) || !isStr(v.target) || !isStr(v.image)) return `sizes[${i}] lacks its dockerfile, target or image`;
  if (!isInt(v.compressed) || !isInt(v.uncompressed)) return `sizes[${i}] has no byte counts`;
  if (!Array.isArray(v.layers) || v.layers.some(l => !isObj(l) || !isStr(l.instruction) || !isInt(l.compressed) || !isInt(l.uncompressed))) {
    return `sizes[${i}].layers is malformed`;
  }
  if (!isObj(v.breakdown) || !isInt(v.wasted) || typeof v.efficiency !== 'number' || !Array.isArray(v.findings)) return `sizes[${i}] is incomplete`;
  return null;
}

/** Pure: the first way `v` is not a StoredReport, or null. */
export function schemaProblem(v: unknown): string | null {
  if (!isObj(v)) return 'it is not a JSON object';
  if (v.schema !== STORED_SCHEMA) return `its schema is ${JSON.stringify(v.schema ?? null)}, this stageguard reads schema ${STORED_SCHEMA}`;
  if (!isObj(v.tool) || v.tool.name !== 'stageguard' || !isStr(v.tool.version)) return 'it names no stageguard version';
  if (!isStr(v.branch) || !isStr(v.sha) || !/^[0-9a-f]{40,64}$/.test(v.sha) || !isStr(v.created)) return 'it names no branch and commit';
  if (!isObj(v.inputs) || !isStr(v.inputs.buildArgs) || !(v.inputs.platform === null || isStr(v.inputs.platform))) return 'its build inputs are missing';
  if (!Array.isArray(v.dockerfiles) || v.dockerfiles.some(d => !isObj(d) || !isStr(d.path) || !Array.isArray(d.stages) || !d.stages.every(isStr))) {
    return 'its Dockerfile list is malformed';
  }
  if (!Array.isArray(v.targets) || v.targets.some(t => !isObj(t) || !isStr(t.dockerfile) || !isStr(t.target))) return 'its target list is malformed';
  if (!Array.isArray(v.sizes)) return 'it has no sizes';
  for (let i = 0; i < v.sizes.length; i++) {
    const p = sizeProblem(v.sizes[i], i);
    if (p) return p;
  }
  if (!Array.isArray(v.baseImages) || v.baseImages.some(b => !isObj(b) || !isStr(b.dockerfile) || !isStr(b.target) || !Array.isArray(b.layers))) {
    return 'its base-image list is malformed';
  }
  if (!isObj(v.layers)) return 'it has no layer analyses';
  for (const [k, l] of Object.entries(v.layers)) {
    if (!/^sha256:[0-9a-f]{64}$/.test(k)) return `layer key ${JSON.stringify(k.slice(0, 80))} is not a digest`;
    if (!isObj(l) || !isInt(l.compressedSize) || !isInt(l.uncompressedSize) || typeof l.gzip !== 'boolean' || !Array.isArray(l.entries)) {
      return `the analysis of layer ${k} is malformed`;
    }
    for (const e of l.entries) if (!Array.isArray(e) || !isStr(e[0]) || !isInt(e[1]) || !isStr(e[2])) return `the analysis of layer ${k} has a malformed entry`;
  }
  if (!isObj(v.lint) || !Array.isArray(v.lint.files)) return 'it has no lint report';
  return null;
}

/** Pure: whether a report written by `stored` can be read by `current` (same major, and same minor while 0.x). */
export function versionProblem(stored: string, current: string): string | null {
  const parse = (s: string): number[] | null => {
    const m = /^(\d+)\.(\d+)\.(\d+)/.exec(s);
    return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  };
  const a = parse(stored);
  const b = parse(current);
  if (!a || !b) return `its stageguard version "${stored}" is not a version`;
  const compatible = a[0] === b[0] && (a[0] > 0 || a[1] === b[1]);
  return compatible ? null : `it was written by stageguard ${stored}, which this stageguard ${current} does not read`;
}

/** Pure: the gzip layer back into a report, or the reason it is not a trustworthy one. */
export function decodeArtifactLayer(layer: Buffer, currentVersion: string): { report: StoredReport } | { reason: string } {
  let parsed: unknown;
  try {
    const text = gunzipSync(layer, { maxOutputLength: 16 * MAX_STORED_BYTES }).toString('utf8');
    parsed = JSON.parse(text);
  } catch (e) {
    return { reason: `it does not parse (${(e as Error).message.split('\n')[0]})` };
  }
  const schema = schemaProblem(parsed);
  if (schema) return { reason: schema };
  const r = parsed as StoredReport;
  const version = versionProblem(r.tool.version, currentVersion);
  if (version) return { reason: version };
  return { report: r };
}

export interface FitExpectation {
  /** The (Dockerfile, target) pairs the PR built and measured. */
  targets: { dockerfile: string; target: string }[];
  buildArgs: readonly string[];
  platform?: string;
  /** Whether a Dockerfile existed at the stored report's commit (for one the report does not list). */
  existedAt?: (dockerfile: string) => boolean;
}

/**
 * Pure: whether a stored report was made for what the PR builds. It fits when it was built with the same build args
 * and platform, and every target of the PR is in it, is a stage its run could not measure, or did not exist at its
 * commit (a Dockerfile or stage the PR adds). A Dockerfile that existed at its commit but that it never built means it
 * was made for other Dockerfiles: it is then not used.
 */
export function fitProblem(r: StoredReport, e: FitExpectation): string | null {
  if (r.inputs.buildArgs !== buildArgsDigest(e.buildArgs)) return 'it was built with other build args';
  if ((r.inputs.platform ?? null) !== (e.platform ?? null)) return `it was built for platform ${r.inputs.platform ?? '(default)'}, this run for ${e.platform ?? '(default)'}`;
  const files = new Map(r.dockerfiles.map(d => [d.path, new Set(d.stages)]));
  const built = new Set(r.targets.map(t => targetKey(t.dockerfile, t.target)));
  for (const t of e.targets) {
    if (built.has(targetKey(t.dockerfile, t.target))) continue;
    const stages = files.get(t.dockerfile);
    if (stages) {
      if (stages.has(t.target.toLowerCase())) return `it did not build ${t.dockerfile} (${t.target})`;
      continue; // a stage the PR adds
    }
    if (e.existedAt?.(t.dockerfile) ?? true) return `it was made for other Dockerfiles (${t.dockerfile} is not in it)`;
  }
  return null;
}
