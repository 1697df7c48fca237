import { waiveSizeGates, type SizeWaiver } from '../policy/waiver';
import { summarize } from '../lint/engine';
import type { Severity } from '../lint/rule';
import { serializeReport } from '../report/json';
import type { GateFailure } from '../policy/types';
import type { Report, ReportContext } from '../report/types';
import { buildGates, decideVerdict, findingGates } from '../policy/verdict';
import { evaluateSizeGates, sizeGateKinds, type SizeGateOptions } from '../policy/sizeGates';
import type { MatrixEntry } from './plan';
import { validateReport } from './validate';

/**
 * Partial reports (one per matrix shard) and their merge into the one Report the report job publishes. Pure: the
 * caller reads the files and hands over their text.
 */

export const PARTIAL_KIND = 'stageguard/partial-report';
export const PARTIAL_VERSION = 1;

export interface PartialReport {
  kind: typeof PARTIAL_KIND;
  version: number;
  shard: Pick<MatrixEntry, 'shard' | 'name' | 'dockerfiles'> & { targets?: string[] };
  report: Report;
}

/** Pure: a shard's partial report as the JSON text written to the artifact (stable bytes, like the report). */
export function serializePartial(shard: PartialReport['shard'], report: Report): string {
  const body: PartialReport = { kind: PARTIAL_KIND, version: PARTIAL_VERSION, shard, report: JSON.parse(serializeReport(report)) as Report };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** One input of the merge: where it came from (a file path) and its text, or null when it could not be read. */
export interface PartialInput {
  source: string;
  text: string | null;
  /** Why the text is null (e.g. the read error). */
  error?: string;
}

export type ParsedPartial = { ok: true; partial: PartialReport } | { ok: false; problem: string };

const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

/** Pure: checks and parses one partial report; a problem names what is wrong, never throws. */
export function parsePartial(input: PartialInput): ParsedPartial {
  if (input.text === null) return { ok: false, problem: `could not be read${input.error ? ` (${input.error})` : ''}` };
  let v: unknown;
  try {
    v = JSON.parse(input.text);
  } catch (e) {
    return { ok: false, problem: `is not valid JSON (${(e as Error).message})` };
  }
  const p = v as Partial<PartialReport> | null;
  if (!p || typeof p !== 'object' || p.kind !== PARTIAL_KIND) return { ok: false, problem: `is not a stageguard partial report (no "kind": "${PARTIAL_KIND}")` };
  if (p.version !== PARTIAL_VERSION) return { ok: false, problem: `has version ${JSON.stringify(p.version)}; this stageguard reads version ${PARTIAL_VERSION}` };
  const s = p.shard;
  if (!s || typeof s.shard !== 'string' || !isArray(s.dockerfiles)) return { ok: false, problem: 'names no shard' };
  const r = p.report as Partial<Report> | undefined;
  if (
    !r ||
    typeof r !== 'object' ||
    !r.lint ||
    !isArray(r.lint.files) ||
    !isArray(r.builds) ||
    !isArray(r.buildCommands) ||
    !isArray(r.sizes) ||
    !isArray(r.imageFindings) ||
    !isArray(r.gates) ||
    !isArray(r.skipped) ||
    !isArray(r.warnings) ||
    !r.verdict ||
    !isArray(r.verdict.reasons)
  ) {
    return { ok: false, problem: `(shard ${s.shard}) has an incomplete report` };
  }
  const dockerfiles = s.dockerfiles;
  if (typeof s.name !== 'string' || !dockerfiles.every(d => typeof d === 'string') || (s.targets !== undefined && !(isArray(s.targets) && s.targets.every(t => typeof t === 'string')))) {
    return { ok: false, problem: `(shard ${s.shard}) has a malformed shard entry` };
  }
  // rebuilt from the schema: only fields of the right type and kind reach the renderers; no context from the artifact
  const valid = validateReport(r);
  if (!valid.ok) return { ok: false, problem: `(shard ${s.shard}) has a malformed report: ${valid.problem}` };
  return { ok: true, partial: { kind: PARTIAL_KIND, version: PARTIAL_VERSION, shard: { shard: s.shard, name: s.name, dockerfiles, ...(s.targets ? { targets: s.targets } : {}) }, report: valid.report } };
}

export interface MergeOptions {
  /** The shards the plan made (`expected-shards`); any of them without a valid partial report is missing. */
  expected?: string[] | null;
  /** The report job's context (server, repository, PR, head sha): never a partial's, which the PR could have written. */
  context?: ReportContext;
  /** Re-decide the lint gate with this threshold; default: keep each shard's own lint gates. */
  failOn?: Severity | 'none';
  /**
   * The report job's size budgets: each kind it sets (max-size, max-increase, max-wasted) is decided again on the
   * merged sizes, replacing the shards' gates of that kind; kinds it leaves unset keep the shards' gates.
   */
  sizeGates?: SizeGateOptions;
  toolVersion?: string;
  /** The PR's waiver label, when it carries one: the merged size gates become notes. */
  sizeWaiver?: SizeWaiver | null;
}

const GENERATED_REASON = [/^\d+ of \d+ builds failed$/, /^\d+ findings at or above \w+$/];

/**
 * Pure: merges partial reports into one Report. Invalid inputs (unreadable, not JSON, another kind or version,
 * incomplete) and expected shards without a valid report are listed in `missingShards` and fail the verdict; nothing
 * is dropped silently. A shard given twice keeps its first report; results for the same Dockerfile from two shards
 * (plans that overlap) keep the first and say so in the warnings.
 */
export function mergeReports(inputs: PartialInput[], o: MergeOptions = {}): Report {
  const missing: string[] = [];
  const warnings: string[] = [];
  const partials: { source: string; partial: PartialReport }[] = [];
  const seenShard = new Map<string, { source: string; text: string }>();
  for (const input of inputs) {
    const parsed = parsePartial(input);
    if (!parsed.ok) {
      missing.push(`${input.source} ${parsed.problem}`);
      continue;
    }
    const name = parsed.partial.shard.shard;
    const prev = seenShard.get(name);
    if (prev) {
      warnings.push(
        prev.text === input.text
          ? `Shard ${name} was given twice (${prev.source}, ${input.source}) with the same content; it counts once.`
          : `Shard ${name} was given twice with different content; ${prev.source} is used and ${input.source} is ignored.`
      );
      continue;
    }
    seenShard.set(name, { source: input.source, text: input.text ?? '' });
    partials.push({ source: input.source, partial: parsed.partial });
  }
  if (o.expected) {
    const expected = new Set(o.expected);
    for (const name of o.expected) if (!seenShard.has(name)) missing.push(`shard ${name}: no partial report was found`);
    for (const name of seenShard.keys()) if (!expected.has(name)) warnings.push(`Shard ${name} was not expected (expected: ${o.expected.join(', ')}); its results are included.`);
  }

  // results: each Dockerfile belongs to the first shard that reports it (plans that overlap keep the first)
  const owner = new Map<string, string>();
  const overlaps = new Map<string, string[]>();
  for (const { partial } of partials) {
    const r = partial.report;
    const files = new Set<string>([
      ...r.lint.files.map(f => f.path),
      ...r.builds.map(b => b.dockerfile),
      ...r.sizes.map(s => s.dockerfile ?? s.image),
      ...r.imageFindings.map(f => f.path)
    ]);
    for (const f of files) {
      const first = owner.get(f);
      if (first === undefined) owner.set(f, partial.shard.shard);
      else overlaps.set(f, [...(overlaps.get(f) ?? [first]), partial.shard.shard]);
    }
  }
  const lintFiles: Report['lint']['files'] = [];
  const builds: Report['builds'] = [];
  const buildCommands: string[] = [];
  const sizes: Report['sizes'] = [];
  const imageFindings: Report['imageFindings'] = [];
  const gates: GateFailure[] = [];
  const gateKeys = new Set<string>();
  const skipped: string[] = [];
  const shardWarnings: string[] = [];
  const errors: string[] = [];
  const context: ReportContext | undefined = o.context;
  for (const { partial } of partials) {
    const r = partial.report;
    const shard = partial.shard.shard;
    const mine = (file: string): boolean => owner.get(file) === shard;
    if (o.toolVersion && r.tool?.version && r.tool.version !== o.toolVersion) {
      warnings.push(`Shard ${shard} was made by stageguard ${r.tool.version}; this report job runs ${o.toolVersion}.`);
    }
    lintFiles.push(...r.lint.files.filter(f => mine(f.path)));
    r.builds.forEach((b, i) => {
      if (!mine(b.dockerfile)) return;
      builds.push(b);
      buildCommands.push(r.buildCommands[i] ?? '');
    });
    sizes.push(...r.sizes.filter(s => mine(s.dockerfile ?? s.image)));
    imageFindings.push(...r.imageFindings.filter(f => mine(f.path)));
    for (const g of r.gates) {
      // a gate about a Dockerfile another shard owns (overlapping plans) goes with that shard's results
      if ([...overlaps.keys()].some(f => !mine(f) && (g.subject === f || g.subject.startsWith(`${f}:`) || g.subject.startsWith(`${f} (`)))) continue;
      const key = JSON.stringify([g.kind, g.subject, g.message]);
      if (!gateKeys.has(key)) {
        gateKeys.add(key);
        gates.push(g);
      }
    }
    skipped.push(...r.skipped.map(s => (partials.length > 1 ? `shard ${shard}: ${s}` : s)));
    shardWarnings.push(...r.warnings);
    const gateMessages = new Set(r.gates.map(g => g.message));
    for (const reason of r.verdict.reasons) {
      if (GENERATED_REASON.some(re => re.test(reason)) || gateMessages.has(reason)) continue;
      errors.push(reason);
    }
  }
  for (const [file, shards] of overlaps) {
    warnings.push(`${file} is in shards ${shards.join(', ')}; the results of shard ${shards[0]} are used (the plans overlap).`);
  }

  // the lint gate is decided again with the report job's threshold when it has one; a failed build is a gate
  // whichever shard built it: exactly one per failed build that survived the merge
  const redecided = new Set(o.sizeGates ? sizeGateKinds(o.sizeGates) : []);
  const kept = gates.filter(g => g.kind !== 'build' && (o.failOn === undefined || g.kind !== 'lint') && !redecided.has(g.kind));
  let sizeGates: GateFailure[] = [];
  try {
    if (o.sizeGates && redecided.size > 0) sizeGates = evaluateSizeGates(sizes, o.sizeGates);
  } catch (e) {
    errors.push((e as Error).message); // a bad budget input: named in the verdict, the report still published
  }
  // the base image's findings gate only where the shards were told so (`image-findings: all`)
  const policy = partials.find(p => p.partial.report.policy)?.partial.report.policy;
  const gating = policy?.imageFindings === 'all' ? imageFindings : imageFindings.filter(f => f.finding.fromBaseImage === undefined);
  const waiver = waiveSizeGates([...kept, ...(o.failOn !== undefined ? findingGates(lintFiles, gating, o.failOn) : []), ...sizeGates, ...buildGates(builds)], o.sizeWaiver);
  const finalGates = waiver.gates;
  const mergedPolicy = policy || o.sizeWaiver ? { imageFindings: policy?.imageFindings ?? ('own' as const), ...(o.sizeWaiver ? { sizeWaiver: { ...o.sizeWaiver, waived: waiver.waived } } : {}) } : undefined;

  const failOnWord =
    o.failOn ??
    partials
      .flatMap(p => p.partial.report.verdict.reasons)
      .map(r => /^\d+ findings at or above (\w+)$/.exec(r)?.[1])
      .find(Boolean) ??
    'error';
  const dedupe = (list: string[]): string[] => [...new Set(list)];
  const report: Report = {
    tool: { name: 'stageguard', version: o.toolVersion ?? partials[0]?.partial.report.tool?.version ?? '0.0.0' },
    context: context ?? {},
    lint: summarize(lintFiles),
    builds,
    buildCommands,
    sizes,
    imageFindings,
    gates: finalGates,
    skipped: dedupe(skipped),
    warnings: dedupe([...shardWarnings, ...warnings]),
    missingShards: missing,
    ...(mergedPolicy ? { policy: mergedPolicy } : {}),
    verdict: { failed: false, reasons: [] }
  };
  report.verdict = decideVerdict(report.gates, report.builds, dedupe(errors), failOnWord, report.missingShards ?? []);
  return report;
}
