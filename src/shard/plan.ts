import type { DockerfileModel } from '../dockerfile/model';
import { targetChoicesFor } from '../buildx/targets';
import { codeSpan } from '../report/escape';
import { ownValue } from '../own';

/**
 * Monorepo scale: the work of one run split into shards for a GitHub Actions `strategy.matrix`. Pure functions only:
 * the cost estimate, the bin packing and the matrix; `src/shard/run.ts` does the I/O.
 */

/** One unit of work: a Dockerfile and its group of targets (they share stages, so they are built in one job). */
export interface ShardWork {
  dockerfile: string;
  targets: string[];
  /** Stages the targets need (the target stages and every stage they depend on). */
  stages: number;
  /** Instructions in those stages, FROM excluded. */
  steps: number;
  /** RUN instructions among them (where the time goes). */
  runs: number;
  /** Seconds the targets took to build last time (from a previous report), or null when unknown. */
  knownSeconds: number | null;
}

/** One `strategy.matrix` entry: `${{ matrix.shard }}` names its partial report, `dockerfiles` its work. */
export interface MatrixEntry {
  shard: string;
  name: string;
  dockerfiles: string[];
  /** Only when the `targets` input overrides the automatic choice: the same list for every Dockerfile. */
  targets?: string[];
  /** Estimated cost in seconds of build time (see `estimateCosts`). */
  cost: number;
}

export interface Matrix {
  include: MatrixEntry[];
}

/**
 * Heuristic cost of a unit without history, in "estimated seconds" of a cold build: a stage costs 2 (base resolution,
 * snapshot, export), every instruction 1, and a RUN 3 more (it starts a container and does the real work).
 */
export function heuristicCost(w: Pick<ShardWork, 'stages' | 'steps' | 'runs'>): number {
  return 2 * w.stages + w.steps + 3 * w.runs;
}

/**
 * Pure: the cost of each unit. A unit with a known build time costs that time. The others cost the heuristic, scaled
 * by how the heuristic compares with the known times (sum of known seconds / sum of their heuristic), so known and
 * estimated costs are in the same unit. Every cost is at least 0.1 and rounded to 0.1.
 */
export function estimateCosts(work: ShardWork[]): number[] {
  const known = work.filter(w => w.knownSeconds !== null);
  const knownSum = known.reduce((n, w) => n + (w.knownSeconds ?? 0), 0);
  const knownHeuristic = known.reduce((n, w) => n + heuristicCost(w), 0);
  const scale = known.length > 0 && knownSum > 0 && knownHeuristic > 0 ? knownSum / knownHeuristic : 1;
  const round = (n: number): number => Math.max(0.1, Math.round(n * 10) / 10);
  return work.map(w => round(w.knownSeconds !== null ? w.knownSeconds : heuristicCost(w) * scale));
}

/**
 * Pure: greedy longest-processing-time bin packing. Items are taken from the costliest down (ties by id) and each goes
 * to the bin with the least load so far (ties: the lowest bin). At most `maxBins` bins, never an empty one. LPT is
 * within 4/3 of the optimal makespan (Graham, 1969), which is plenty for an estimate.
 */
export function packLongestFirst<T extends { id: string; cost: number }>(items: T[], maxBins: number): { items: T[]; cost: number }[] {
  const n = Math.max(1, Math.min(Math.floor(maxBins), items.length));
  if (items.length === 0) return [];
  const bins = Array.from({ length: n }, () => ({ items: [] as T[], cost: 0 }));
  const sorted = [...items].sort((a, b) => b.cost - a.cost || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const item of sorted) {
    let best = 0;
    for (let i = 1; i < bins.length; i++) if (bins[i].cost < bins[best].cost - 1e-9) best = i;
    bins[best].items.push(item);
    bins[best].cost = Math.round((bins[best].cost + item.cost) * 10) / 10;
  }
  return bins;
}

/** Pure: the unit of work of one Dockerfile: its targets and what they need. */
export function workFor(model: DockerfileModel, o: { targets?: string[]; configTargets?: string[]; knownSeconds?: number | null } = {}): ShardWork {
  const choices = targetChoicesFor(model, o.targets, o.configTargets ?? []);
  const needed = new Set<number>();
  for (const c of choices) {
    const stage = model.stages.find(s => (c.targetFlag ? s.name?.toLowerCase() === c.targetFlag.toLowerCase() : s.index === model.stages.length - 1));
    if (!stage) continue;
    needed.add(stage.index);
    for (const n of stage.needs) needed.add(n);
  }
  const stages = model.stages.filter(s => needed.has(s.index));
  return {
    dockerfile: model.path,
    targets: choices.map(c => c.name),
    stages: stages.length,
    steps: stages.reduce((n, s) => n + s.instructions.length, 0),
    runs: stages.reduce((n, s) => n + s.instructions.filter(i => i.keyword === 'RUN').length, 0),
    knownSeconds: o.knownSeconds ?? null
  };
}

/**
 * Pure: last known build seconds per Dockerfile from a previous report (`stageguard run --report FILE`, the action's
 * `report` output, or a merged report): the sum of its builds' seconds. Anything that is not such a report gives an
 * empty map (history only refines the estimate; it never stops a plan).
 */
export function historyFromReport(json: unknown): Map<string, number> {
  const out = new Map<string, number>();
  const builds = (json as { builds?: unknown } | null)?.builds;
  if (!Array.isArray(builds)) return out;
  for (const b of builds as { dockerfile?: unknown; seconds?: unknown; ok?: unknown }[]) {
    if (typeof b?.dockerfile !== 'string' || typeof b.seconds !== 'number' || !Number.isFinite(b.seconds) || b.seconds < 0) continue;
    out.set(b.dockerfile, Math.round(((out.get(b.dockerfile) ?? 0) + b.seconds) * 10) / 10);
  }
  return out;
}

/** Pure: a short job name for a shard, e.g. `services/api (+3 more)`. */
export function shardName(dockerfiles: string[]): string {
  if (dockerfiles.length === 0) return 'empty';
  const first = dockerfiles[0].includes('/') ? dockerfiles[0].slice(0, dockerfiles[0].lastIndexOf('/')) : dockerfiles[0];
  return dockerfiles.length > 1 ? `${first} (+${dockerfiles.length - 1} more)` : first;
}

export interface MatrixOptions {
  maxShards: number;
  /** The `targets` input (an override for every Dockerfile), carried in each entry. */
  targets?: string[];
  /** Extra targets per Dockerfile path (from `.stageguard.yml`). */
  configTargets?: Record<string, string[]>;
  /** Last known build seconds per Dockerfile path (see `historyFromReport`). */
  history?: Map<string, number>;
}

/**
 * Pure: the matrix for a set of parsed Dockerfiles: one unit per (Dockerfile, target group), costed, packed into at
 * most `maxShards` shards numbered from 1 in packing order. Dockerfiles are listed sorted inside each shard.
 */
export function planMatrix(models: DockerfileModel[], o: MatrixOptions): Matrix {
  const work = models.map(m => workFor(m, { targets: o.targets, configTargets: ownValue(o.configTargets, m.path), knownSeconds: o.history?.get(m.path) ?? null }));
  const costs = estimateCosts(work);
  const bins = packLongestFirst(
    work.map((w, i) => ({ id: w.dockerfile, cost: costs[i] })),
    o.maxShards
  );
  return {
    include: bins.map((b, i) => {
      const dockerfiles = b.items.map(x => x.id).sort();
      return {
        shard: String(i + 1),
        name: shardName(dockerfiles),
        dockerfiles,
        ...(o.targets && o.targets.length > 0 ? { targets: [...o.targets] } : {}),
        cost: b.cost
      };
    })
  };
}

/** Pure: reads a `shard` input or `--shard` value: a matrix entry as JSON. Throws an Error naming what is wrong. */
export function parseMatrixEntry(text: string): MatrixEntry {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`the shard is not valid JSON (${(e as Error).message}); pass \${{ toJSON(matrix) }}`);
  }
  const o = v as Partial<MatrixEntry> | null;
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw new Error('the shard must be a JSON object (one matrix entry)');
  const shard = typeof o.shard === 'number' ? String(o.shard) : o.shard;
  if (typeof shard !== 'string' || shard.trim() === '') throw new Error('the shard has no "shard" name');
  if (!Array.isArray(o.dockerfiles) || o.dockerfiles.some(d => typeof d !== 'string')) throw new Error(`shard ${shard}: "dockerfiles" must be a list of paths`);
  if (o.targets !== undefined && (!Array.isArray(o.targets) || o.targets.some(t => typeof t !== 'string'))) {
    throw new Error(`shard ${shard}: "targets" must be a list of stage names`);
  }
  return {
    shard,
    name: typeof o.name === 'string' ? o.name : shardName(o.dockerfiles),
    dockerfiles: o.dockerfiles,
    ...(o.targets ? { targets: o.targets } : {}),
    cost: typeof o.cost === 'number' ? o.cost : 0
  };
}

/** Pure: the shard names an `expected-shards` value means: a count `3` → 1, 2, 3; else a comma/newline/JSON list. */
export function expectedShardNames(spec: string): string[] | null {
  const s = spec.trim();
  if (s === '') return null;
  if (/^\d+$/.test(s)) return Array.from({ length: Number(s) }, (_, i) => String(i + 1));
  if (s.startsWith('[')) {
    try {
      const list = JSON.parse(s) as unknown;
      if (Array.isArray(list)) return list.map(x => String(typeof x === 'object' && x && 'shard' in x ? (x as { shard: unknown }).shard : x));
    } catch {
      /* fall through to a plain list */
    }
  }
  if (s.startsWith('{')) {
    try {
      const m = JSON.parse(s) as Partial<Matrix>;
      if (Array.isArray(m.include)) return m.include.map(e => String(e.shard));
    } catch {
      /* fall through */
    }
  }
  return s
    .split(/[\n,]/)
    .map(x => x.trim())
    .filter(Boolean);
}

/** Pure: the plan as a markdown table for the job summary (paths escaped: they come from the PR). */
export function renderPlanMarkdown(matrix: Matrix): string {
  const files = matrix.include.reduce((n, e) => n + e.dockerfiles.length, 0);
  const head = `## stageguard plan: ${files} Dockerfile${files === 1 ? '' : 's'} in ${matrix.include.length} shard${matrix.include.length === 1 ? '' : 's'}`;
  if (matrix.include.length === 0) return `${head}\n\nNothing to build: no Dockerfile is in the plan.\n`;
  const rows = matrix.include.map(e => `| ${e.shard} | ${e.cost.toFixed(1)} | ${e.dockerfiles.map(d => codeSpan(d)).join('<br>')} |`);
  return `${head}\n\n| Shard | Estimated cost (s) | Dockerfiles |\n|--:|--:|---|\n${rows.join('\n')}\n`;
}
