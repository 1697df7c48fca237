import type { BuildPlan } from '../buildx/args';
import { buildAtRef } from '../buildx/baseline';
import type { BuildLog, RunOptions } from '../buildx/run';
import { exec } from '../exec';
import { baselineLine, targetKey, type BaselineInfo } from './info';
export type { BaselineInfo } from './info';
import { measureImage, targetChain } from '../size/analyze';
import type { DockerfileModel } from '../dockerfile/model';
import { finalStageName } from '../buildx/targets';
import type { LintReport } from '../lint/rule';
import type { LayerAnalysis, LayerCache } from '../size/archive';
import type { ImageSize } from '../size/types';
import { RegistryClient, RegistryError } from './registry';
import { pushStoredReport, readStoredReport, reportWriteTags, type ReadResult, type WriteRuleInput } from './store';
import { branchReportTag, buildArgsDigest, commitReportTag, fitProblem, loadLayer, storeLayer, STORED_SCHEMA, type StoredReport } from './stored';
import { ownValue } from '../own';

async function git(repoDir: string, args: string[]): Promise<{ ok: boolean; out: string }> {
  const r = await exec('git', args, { cwd: repoDir, timeoutMs: 60000 });
  return { ok: r.exitCode === 0, out: r.stdout.trim() };
}

export interface StoredLookup {
  cacheRepository: string;
  baseSha: string;
  baseBranch?: string;
  version: string;
  timeoutMs?: number;
}

/** What the registry had: a report that parsed and validated, or why none could be read (`down`: the registry). */
export type Lookup = { report: StoredReport; tag: string; exact: boolean } | { reason: string; down: boolean };

/**
 * Reads the report of the exact base commit (`report_<sha12>`, checked to be that commit's), else the newest report
 * of the base branch. Never throws: every problem is a reason.
 */
export async function lookupStoredReport(o: StoredLookup): Promise<Lookup> {
  let client: RegistryClient;
  try {
    client = RegistryClient.forRepository(o.cacheRepository, { timeoutMs: o.timeoutMs ?? 30000 });
  } catch (e) {
    return { reason: `the cache repository cannot hold reports: ${(e as Error).message}`, down: false };
  }
  const reasons: string[] = [];
  try {
    const exact = await readStoredReport(client, commitReportTag(o.baseSha), o.version);
    if (exact.found && exact.report.sha === o.baseSha) return { report: exact.report, tag: exact.tag, exact: true };
    if (!exact.found && !exact.missing) reasons.push(exact.reason);
    if (!o.baseBranch) return { reason: reasons.join('; ') || `no report is stored for the base commit ${o.baseSha.slice(0, 7)}`, down: false };
    const branch: ReadResult = await readStoredReport(client, branchReportTag(o.baseBranch), o.version);
    if (branch.found) return { report: branch.report, tag: branch.tag, exact: branch.report.sha === o.baseSha };
    reasons.push(branch.missing ? `no report is stored for ${o.baseBranch} @ ${o.baseSha.slice(0, 7)} nor for the branch ${o.baseBranch}` : branch.reason);
    return { reason: reasons.join('; '), down: false };
  } catch (e) {
    if (e instanceof RegistryError) return { reason: e.message, down: true };
    return { reason: (e as Error).message, down: false };
  }
}

export interface FitInput {
  repoDir: string;
  baseSha: string;
  headSha?: string;
  baseBranch: string;
  /** The (Dockerfile, target) pairs the PR built, by the PR's paths. */
  targets: { dockerfile: string; target: string }[];
  buildArgs: readonly string[];
  platform?: string;
  /** PR path → path at the base (renamed Dockerfiles). */
  renamedFrom?: Record<string, string>;
}

export type Fitted =
  | { ok: true; sizes: ImageSize[]; noBaseline: { dockerfile: string; target: string; reason: string }[]; info: BaselineInfo }
  | { ok: false; reason: string };

/**
 * Decides whether a stored report can stand for the base commit, and gives its sizes under the PR's paths. An exact
 * report is the base commit's own; an older one must be an ancestor of the base commit (it then says how far behind
 * the merge base it is). Its sizes are those the base build would give: only the targets the PR built, each measured
 * against the Dockerfile as it was at that commit.
 */
export async function fitStoredReport(found: { report: StoredReport; exact: boolean }, f: FitInput): Promise<Fitted> {
  const r = found.report;
  const short = r.sha.slice(0, 7);
  let behind: number | undefined;
  if (!found.exact) {
    const anc = await git(f.repoDir, ['merge-base', '--is-ancestor', r.sha, f.baseSha]);
    if (!anc.ok) return { ok: false, reason: `the newest report of ${f.baseBranch} (${short}) is not from an ancestor of the base commit ${f.baseSha.slice(0, 7)}` };
    const mb = f.headSha ? await git(f.repoDir, ['merge-base', f.baseSha, f.headSha]) : { ok: false, out: '' };
    const mergeBase = mb.ok && mb.out ? mb.out : f.baseSha;
    const count = await git(f.repoDir, ['rev-list', '--count', `${r.sha}..${mergeBase}`]);
    behind = count.ok ? Number(count.out) : undefined;
  }
  const toBase = (d: string): string => ownValue(f.renamedFrom, d) ?? d;
  // asked only of Dockerfiles the report does not hold: whether they existed at its commit (see fitProblem)
  const existed = new Map<string, boolean>();
  const inReport = new Set(r.dockerfiles.map(d => d.path));
  for (const t of f.targets) {
    const p = toBase(t.dockerfile);
    if (!existed.has(p) && !inReport.has(p)) existed.set(p, (await git(f.repoDir, ['cat-file', '-e', `${r.sha}:${p}`])).ok);
  }
  const problem = fitProblem(r, {
    targets: f.targets.map(t => ({ dockerfile: toBase(t.dockerfile), target: t.target })),
    buildArgs: f.buildArgs,
    ...(f.platform ? { platform: f.platform } : {}),
    existedAt: d => existed.get(d) ?? true
  });
  if (problem) return { ok: false, reason: `the report of ${r.branch} @ ${short} does not fit: ${problem}` };
  const built = new Set(r.targets.map(t => targetKey(t.dockerfile, t.target)));
  const sizes: ImageSize[] = [];
  const noBaseline: { dockerfile: string; target: string; reason: string }[] = [];
  for (const t of f.targets) {
    const p = toBase(t.dockerfile);
    const s = r.sizes.find(x => x.dockerfile === p && x.target === t.target);
    if (s) sizes.push({ ...s, dockerfile: t.dockerfile });
    else if (built.has(targetKey(p, t.target))) noBaseline.push({ ...t, reason: `it did not build or could not be measured at ${r.branch} @ ${short}` });
  }
  return { ok: true, sizes, noBaseline, info: { source: 'registry', ref: r.branch, sha: r.sha, ...(behind !== undefined ? { behind } : {}) } };
}

/** Puts a stored report's layer analyses into the run's memo, so the layers a PR shares with its base are not read. */
export function primeLayerCache(report: StoredReport, cache: LayerCache): number {
  let n = 0;
  for (const [key, l] of Object.entries(report.layers)) {
    if (cache.has(key)) continue;
    cache.set(key, loadLayer(key, l));
    n++;
  }
  return n;
}

export interface MeasuredImage {
  size: ImageSize;
  /** Every layer of the image, bottom first, as analysed. */
  layers: LayerAnalysis[];
}

export interface StoreInput extends WriteRuleInput {
  version: string;
  buildArgs: readonly string[];
  platform?: string;
  models: DockerfileModel[];
  /** The (Dockerfile, target) pairs that were built (ok or not). */
  targets: { dockerfile: string; target: string }[];
  measured: MeasuredImage[];
  lint: LintReport;
  secrets?: readonly string[];
  created?: string;
}

/** Pure: the report a run stores, from what it measured. Only what the next runs compare with; nothing of the registry's. */
export function storedReportOf(i: StoreInput): StoredReport {
  const layers: StoredReport['layers'] = {};
  const baseImages: StoredReport['baseImages'] = [];
  for (const m of i.measured) {
    for (const l of m.layers) if (/^sha256:[0-9a-f]{64}$/.test(l.key)) layers[l.key] = storeLayer(l);
    const own = m.size.layers.filter(l => l.digest !== undefined).length;
    const model = i.models.find(x => x.path === m.size.dockerfile);
    // the root of the target's FROM chain is the base image its first layers come from
    const root = model ? targetChain(model, m.size.target ?? undefined)[0] : undefined;
    baseImages.push({
      dockerfile: m.size.dockerfile ?? '',
      target: m.size.target ?? '',
      from: root ? root.base.resolved : null,
      layers: m.layers.slice(0, m.layers.length - own).map(l => l.key)
    });
  }
  return {
    schema: STORED_SCHEMA,
    tool: { name: 'stageguard', version: i.version },
    branch: i.branch,
    sha: i.sha,
    created: i.created ?? new Date().toISOString(),
    inputs: { buildArgs: buildArgsDigest(i.buildArgs), platform: i.platform ?? null },
    dockerfiles: i.models.map(m => ({
      path: m.path,
      stages: [...new Set([...m.stages.flatMap(s => (s.name ? [s.name.toLowerCase()] : [])), finalStageName(m).toLowerCase()])]
    })),
    targets: i.targets.map(t => ({ dockerfile: t.dockerfile, target: t.target })),
    sizes: i.measured.map(m => ({ ...m.size, base: null, delta: null, baseStatus: undefined, layerDiff: undefined, savings: undefined })),
    baseImages,
    layers,
    lint: i.lint
  };
}

/** Stores the run's report where the rules allow; returns what to log (a line, or a warning). Never throws. */
export async function storeRunReport(i: StoreInput, timeoutMs = 60000): Promise<{ info?: string; warning?: string }> {
  const rule = reportWriteTags(i);
  if (rule.tags.length === 0) return { info: `The report is not stored: ${rule.refusal}.` };
  try {
    const client = RegistryClient.forRepository(i.cacheRepository, { timeoutMs });
    const pushed = await pushStoredReport(client, storedReportOf(i), rule.tags, i.secrets);
    return { info: `Stored the report (${pushed.bytes} bytes) as ${rule.tags.map(t => `${i.cacheRepository}:${t}`).join(' and ')}` };
  } catch (e) {
    return { warning: `The report could not be stored in ${i.cacheRepository}: ${(e as Error).message}. The next pull requests will build this commit to compare.` };
  }
}

export interface BaselineStepInput {
  run: RunOptions;
  repoDir: string;
  baseSha: string;
  headSha?: string;
  baseBranch?: string;
  cacheRepository?: string;
  /** The PR's plans whose builds succeeded: the base is built (or looked up) for these. */
  plans: BuildPlan[];
  buildArgs: readonly string[];
  platform?: string;
  renamedFrom?: Record<string, string>;
  /** What `lookupStoredReport` found (started while the PR's stages built), or null to build the base. */
  lookup: Lookup | null;
  log: BuildLog;
  warn: (message: string) => void;
}

export interface BaselineStepResult {
  baseSizes: ImageSize[];
  /** Keys (`dockerfile#target`) that exist at the base but have no figures there. */
  noBaseline: Set<string>;
  /** Where the baseline came from; `source: 'none'` when there is none at all (every image is then `no-baseline`). */
  info: BaselineInfo;
}

/**
 * The baseline step: the stored report of the base commit (or of an earlier commit of the base branch) when one fits,
 * else the base commit built and measured as before. A registry that cannot be read gives no baseline (with the
 * reason): building the base without its caches would cost the whole cold build again.
 */
export async function baselineStep(i: BaselineStepInput): Promise<BaselineStepResult> {
  const noBaseline = new Set<string>();
  const baseSizes: ImageSize[] = [];
  let fallback: string | undefined;
  if (i.lookup && 'report' in i.lookup) {
    const fitted = await fitStoredReport(i.lookup, {
      repoDir: i.repoDir,
      baseSha: i.baseSha,
      headSha: i.headSha,
      baseBranch: i.baseBranch ?? i.lookup.report.branch,
      targets: i.plans.map(p => ({ dockerfile: p.dockerfile, target: p.target })),
      buildArgs: i.buildArgs,
      platform: i.platform,
      renamedFrom: i.renamedFrom
    });
    if (fitted.ok) {
      for (const n of fitted.noBaseline) {
        noBaseline.add(targetKey(n.dockerfile, n.target));
        i.warn(`No baseline for ${n.dockerfile} (${n.target}): ${n.reason}.`);
      }
      i.log.info(`${baselineLine(fitted.info)}: ${i.lookup.tag}`);
      return { baseSizes: fitted.sizes, noBaseline, info: fitted.info };
    }
    fallback = fitted.reason;
  } else if (i.lookup && i.lookup.down) {
    const reason = `the stored report could not be read (${i.lookup.reason})`;
    i.warn(`No baseline: ${reason}.`);
    return { baseSizes, noBaseline, info: { source: 'none', reason } };
  } else if (i.lookup) {
    fallback = i.lookup.reason;
  }
  if (fallback) i.warn(`Building the base commit ${i.baseSha.slice(0, 12)} to compare: ${fallback}.`);
  const info: BaselineInfo = { source: 'build', ref: i.baseBranch, sha: i.baseSha, ...(fallback ? { reason: fallback } : {}) };
  try {
    const base = await buildAtRef({
      ...i.run,
      push: false,
      repoDir: i.repoDir,
      sha: i.baseSha,
      plans: i.plans,
      cacheRepository: i.cacheRepository,
      baseBranch: i.baseBranch,
      renamedFrom: i.renamedFrom
    });
    for (const b of base.results) {
      if (!b.ok || !b.image) {
        noBaseline.add(targetKey(b.dockerfile, b.target));
        i.warn(`No baseline for ${b.dockerfile} (${b.target}): it does not build at the base commit.`);
        continue;
      }
      try {
        // the base commit's own Dockerfile maps the base image's layers; the PR's may have other instructions
        baseSizes.push(await measureImage(b.image, { dockerfile: b.dockerfile, target: b.target, model: base.models.get(b.dockerfile) }));
      } catch (e) {
        noBaseline.add(targetKey(b.dockerfile, b.target));
        i.warn(`No baseline for ${b.dockerfile} (${b.target}): ${(e as Error).message}`);
      }
    }
    return { baseSizes, noBaseline, info };
  } catch (e) {
    i.warn(`No baseline: ${(e as Error).message}`);
    return { baseSizes, noBaseline, info: { source: 'none', reason: (e as Error).message } };
  }
}

/**
 * Pure: for each PR image compared with a stored report, whether its base image moved since that report (its base
 * layers are other digests), and by how many bytes: that part of the delta is the base image's, not the PR's.
 */
export function baseDrift(
  report: StoredReport,
  images: readonly MeasuredImage[],
  renamedFrom: Record<string, string> = {}
): Map<string, NonNullable<ImageSize['baseDrift']>> {
  const out = new Map<string, NonNullable<ImageSize['baseDrift']>>();
  for (const m of images) {
    const d = m.size.dockerfile ?? '';
    const t = m.size.target ?? '';
    const basePath = ownValue(renamedFrom, d) ?? d;
    const stored = report.baseImages.find(b => b.dockerfile === basePath && b.target === t);
    const storedSize = report.sizes.find(s => s.dockerfile === basePath && s.target === t);
    if (!stored || !storedSize) continue;
    const own = m.size.layers.filter(l => l.digest !== undefined).length;
    const after = m.layers.slice(0, m.layers.length - own).map(l => l.key);
    if (after.length === stored.layers.length && after.every((k, i) => k === stored.layers[i])) continue;
    const baseOf = (s: ImageSize): { compressed: number; uncompressed: number } => {
      const b = s.layers.find(l => l.instruction === 'base image' && l.digest === undefined);
      return { compressed: b?.compressed ?? 0, uncompressed: b?.uncompressed ?? 0 };
    };
    const now = baseOf(m.size);
    const then = baseOf(storedSize);
    out.set(targetKey(d, t), { from: stored.from, before: stored.layers, after, compressed: now.compressed - then.compressed, uncompressed: now.uncompressed - then.uncompressed });
  }
  return out;
}

