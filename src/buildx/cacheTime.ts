import type { ProgressStep, ProgressSummary } from './progress';

/**
 * What the cache saved and cost one build, from BuildKit's own step timings: the steps that came from the cache, the
 * time they took when they last ran (from a previous report's `stepSeconds`, e.g. the base branch's), and the time
 * spent importing and exporting the cache.
 */
export interface CacheTime {
  importSeconds: number;
  exportSeconds: number;
  /** Layers the export wrote (BuildKit names them in its progress, without sizes). */
  exportedLayers: number;
  /** Seconds the steps that ran took. */
  executedSeconds: number;
  /** Steps that came from the cache (FROM not counted). */
  cachedSteps: number;
  /** Seconds those cached steps took when they last ran, where a previous report knows them; null when none is known. */
  savedSeconds: number | null;
  /** Of the cached steps, how many had a known previous time. */
  knownSteps: number;
}

/** The most step timings a build keeps in its result (a Dockerfile has a few dozen steps). */
const MAX_STEPS = 200;

/** Pure: the key a step's timing is kept under: its stage and the instruction as BuildKit printed it. */
export function stepKey(s: Pick<ProgressStep, 'stage' | 'text'>): string {
  return `${s.stage ?? ''} ${s.text}`.slice(0, 300);
}

/** Pure: seconds per step that ran (not cached, completed), by stepKey; what a later run's report learns from. */
export function stepSecondsOf(steps: readonly ProgressStep[]): Record<string, number> {
  const out: Record<string, number> = {};
  let n = 0;
  for (const s of steps) {
    if (s.keyword === 'FROM' || s.cached || s.seconds === null || n >= MAX_STEPS) continue;
    out[stepKey(s)] = s.seconds;
    n++;
  }
  return out;
}

const round = (n: number): number => Math.round(n * 10) / 10;

/** Pure: what the cache saved and cost, given the step timings a previous report recorded (if any). */
export function cacheTimeOf(p: Pick<ProgressSummary, 'steps' | 'cacheTime'>, previous?: Readonly<Record<string, number>>): CacheTime {
  let executed = 0;
  let cachedSteps = 0;
  let saved = 0;
  let known = 0;
  for (const s of p.steps) {
    if (s.keyword === 'FROM') continue;
    if (!s.cached) {
      executed += s.seconds ?? 0;
      continue;
    }
    cachedSteps++;
    const before = previous?.[stepKey(s)];
    if (typeof before === 'number' && Number.isFinite(before) && before >= 0) {
      saved += before;
      known++;
    }
  }
  return {
    importSeconds: round(p.cacheTime.importSeconds),
    exportSeconds: round(p.cacheTime.exportSeconds),
    exportedLayers: p.cacheTime.exportedLayers,
    executedSeconds: round(executed),
    cachedSteps,
    savedSeconds: known > 0 ? round(saved) : null,
    knownSteps: known
  };
}

/** Exports shorter than this are not worth advice. */
const ADVICE_MIN_SECONDS = 5;

/**
 * Pure: advice when exporting the cache costs more than the cache saves: a stage whose steps run on every build
 * (nothing cached, or less saved than the export took) pays for an export that nobody reuses.
 */
export function cacheAdvice(t: CacheTime): string | null {
  if (t.exportSeconds < ADVICE_MIN_SECONDS) return null;
  const saved = t.savedSeconds ?? 0;
  if (t.savedSeconds === null && t.cachedSteps > 0) return null; // saved something, but how much is not known
  if (saved >= t.exportSeconds) return null;
  return `exporting the cache took ${t.exportSeconds} s, more than the ${saved} s it saved; for a stage that changes on every run, export with \`mode=min\` (only the final stage's layers) or not at all.`;
}
