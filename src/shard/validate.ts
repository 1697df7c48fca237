import { SEVERITIES } from '../severity';
import type { CacheMissCause } from '../buildx/cacheMiss';
import type { Ecosystem } from '../size/packages/parse';
import type { Report } from '../report/types';

/**
 * A partial report comes from a shard's artifact, and in the fork-safe pattern from a fork's own workflow run: every
 * byte is the pull request's. Before anything renders or adds it up, it is rebuilt from a schema: every field checked
 * by type (numbers finite), every kind from its fixed list, and every field the schema does not name dropped, so a
 * renderer only ever sees values of the types it was written for. The context (server, repository, PR, sha) is not
 * taken from it at all: the merge gets it from its caller.
 */

type Check = (v: unknown, at: string) => unknown;

class SchemaError extends Error {}

const fail = (at: string, what: string): never => {
  throw new SchemaError(`${at}: expected ${what}`);
};
const str: Check = (v, at) => (typeof v === 'string' ? v : fail(at, 'a string'));
const num: Check = (v, at) => (typeof v === 'number' && Number.isFinite(v) ? v : fail(at, 'a finite number'));
const bool: Check = (v, at) => (typeof v === 'boolean' ? v : fail(at, 'true or false'));
const nullable =
  (c: Check): Check =>
  (v, at) =>
    v === null ? null : c(v, at);
/** A field that may be missing (kept missing). */
const optional = (c: Check): Check & { optional: true } => Object.assign((v: unknown, at: string) => c(v, at), { optional: true as const });
const oneOf =
  (values: readonly string[]): Check =>
  (v, at) =>
    typeof v === 'string' && values.includes(v) ? v : fail(at, `one of ${values.join('|')}`);
const list =
  (c: Check): Check =>
  (v, at) =>
    Array.isArray(v) ? v.map((x, i) => c(x, `${at}[${i}]`)) : fail(at, 'a list');
const obj =
  (shape: Record<string, Check>): Check =>
  (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(at, 'an object');
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [k, c] of Object.entries(shape)) {
      if (src[k] === undefined && 'optional' in c) continue;
      out[k] = c(src[k], `${at}.${k}`);
    }
    return out;
  };
const record =
  (c: Check): Check =>
  (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(at, 'an object');
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, c(x, `${at}.${k}`)]));
  };

export const GATE_KINDS = ['lint', 'build', 'max-size', 'max-increase', 'max-wasted'] as const;
export const LAYER_CHANGES = ['grew', 'shrank', 'added', 'removed', 'same'] as const;
export const LARGEST_KINDS = ['file', 'dir'] as const;
export const BASE_STATUSES = ['compared', 'new', 'deleted', 'no-baseline', 'not-compared'] as const;
const CACHE_MISS_CAUSES = ['files-changed', 'instruction-changed', 'earlier-instruction', 'base-image', 'build-arg', 'no-cache', 'unknown'] as const satisfies readonly CacheMissCause[];
const ECOSYSTEMS = ['deb', 'apk', 'pypi', 'npm'] as const satisfies readonly Ecosystem[];

const finding = obj({
  rule: str,
  aliases: list(str),
  severity: oneOf(SEVERITIES),
  line: num,
  column: num,
  endLine: num,
  endColumn: num,
  stage: nullable(num),
  message: str,
  status: optional(oneOf(['new', 'existing'])),
  fromBaseImage: optional(str)
});

const fileResult = obj({
  path: str,
  stages: list(obj({ index: num, name: nullable(str), base: str })),
  scorecard: list(obj({ check: str, passed: bool, detail: str })),
  violations: list(finding),
  fixed: optional(num)
});

const build = obj({
  dockerfile: str,
  target: str,
  ok: bool,
  seconds: num,
  image: nullable(str),
  steps: obj({ total: num, cached: num, executed: num }),
  cacheFrom: list(obj({ ref: str, hit: bool })),
  cacheTo: nullable(str),
  error: nullable(str),
  stepSeconds: optional(record(num)),
  cacheMiss: optional(obj({ line: nullable(num), instruction: str, stage: nullable(str), cause: oneOf(CACHE_MISS_CAUSES), detail: str, files: optional(list(str)) })),
  cacheTime: optional(
    obj({ importSeconds: num, exportSeconds: num, exportedLayers: num, executedSeconds: num, cachedSteps: num, savedSeconds: nullable(num), knownSteps: num })
  )
});

const packageChange = obj({ ecosystem: oneOf(ECOSYSTEMS), name: str, version: str, baseVersion: optional(str), bytes: num });

const pair = obj({ compressed: num, uncompressed: num });

const size = obj({
  dockerfile: nullable(str),
  target: nullable(str),
  image: str,
  compressed: num,
  uncompressed: num,
  compressedEstimated: optional(bool),
  layers: list(obj({ instruction: str, line: nullable(num), compressed: num, uncompressed: num, digest: optional(str) })),
  breakdown: obj({ base: num, osPackages: num, dependencies: num, code: num, other: num }),
  wasted: num,
  efficiency: num,
  findings: list(finding),
  base: nullable(pair),
  final: optional(bool),
  delta: nullable(pair),
  largest: optional(list(obj({ path: str, bytes: num, kind: oneOf(LARGEST_KINDS) }))),
  layerDiff: optional(list(obj({ instruction: str, change: oneOf(LAYER_CHANGES), base: nullable(num), pr: nullable(num) }))),
  baseStatus: optional(oneOf(BASE_STATUSES)),
  savings: optional(nullable(obj({ biggestBuildStage: str, biggestBuildStageBytes: num, savedBytes: num, percent: num }))),
  baseDrift: optional(obj({ from: nullable(str), before: list(str), after: list(str), compressed: num, uncompressed: num })),
  packages: optional(obj({ against: oneOf(['base-branch', 'base-image']), added: list(packageChange), removed: list(packageChange), changed: list(packageChange) }))
});

const report = obj({
  tool: obj({ name: oneOf(['stageguard']), version: str }),
  lint: obj({ files: list(fileResult), summary: obj({ files: num, violations: num, bySeverity: record(num) }) }),
  builds: list(build),
  buildCommands: list(str),
  sizes: list(size),
  imageFindings: list(obj({ path: str, finding })),
  gates: list(obj({ kind: oneOf(GATE_KINDS), subject: str, message: str })),
  skipped: list(str),
  warnings: list(str),
  missingShards: optional(list(str)),
  policy: optional(obj({ imageFindings: oneOf(['own', 'all']), gates: optional(oneOf(['floor', 'trust-config'])) })),
  verdict: obj({ failed: bool, reasons: list(str) })
});

/**
 * Pure: the report of a partial, rebuilt from the schema, with an empty context; or the first field that is wrong.
 * Never throws.
 */
export function validateReport(v: unknown): { ok: true; report: Report } | { ok: false; problem: string } {
  try {
    const r = report(v, 'report') as Omit<Report, 'context'>;
    return { ok: true, report: { ...r, context: {} } as Report };
  } catch (e) {
    if (e instanceof SchemaError) return { ok: false, problem: e.message };
    return { ok: false, problem: `cannot be read (${(e as Error).message})` };
  }
}
