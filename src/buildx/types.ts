import type { CacheMiss } from './cacheMiss';
import type { CacheTime } from './cacheTime';
import type { ProgressSummary } from './progress';

/** One (Dockerfile, target) build, in exactly the shape of `stageguard build --format json`. */
export interface BuildResult {
  dockerfile: string;
  target: string;
  ok: boolean;
  seconds: number;
  /** Local image reference the build loaded into the engine (for the size step); null when it failed. */
  image: string | null;
  /** The registry reference the image was pushed to, to be measured there; absent when it was not pushed for that. */
  registryRef?: string;
  steps: { total: number; cached: number; executed: number };
  cacheFrom: { ref: string; hit: boolean }[];
  cacheTo: string | null;
  /** The failing step's log tail, or null. */
  error: string | null;
  /** The first step that ran instead of coming from the cache, and why (see ./cacheMiss.ts); absent when all were cached. */
  cacheMiss?: CacheMiss;
  /** What the cache saved and cost this build (see ./cacheTime.ts). */
  cacheTime?: CacheTime;
  /** Seconds each step that ran took, by stage and instruction: a later run's report reads them as `history`. */
  stepSeconds?: Record<string, number>;
}

/** Extra facts the report uses; kept beside the JSON shape, not inside it. */
export interface BuildRunInfo {
  results: BuildResult[];
  /** Human-readable warnings (cache export unsupported, registry unreachable, ...). */
  warnings: string[];
  /** The reproduce command per result, same order. */
  commands: string[];
  /** What BuildKit reported per result, same order: the steps and cache timings the report explains. */
  progress: ProgressSummary[];
}
