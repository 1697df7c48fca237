import type { DockerfileSettings } from '../config/config';
import type { GateFailure } from './types';
import { sizeSubject } from '../size/subject';
import type { ImageSize } from '../size/types';
import { formatBytes, parseIncrease, parseSize } from '../size/units';
import { ownValue } from '../own';

export interface SizeGateOptions {
  /** e.g. `150MB`: budget per image. */
  maxSize?: string;
  /** e.g. `5%` or `10MB`: growth allowed against the base branch. */
  maxIncrease?: string;
  /** e.g. `20MB`: bytes overwritten or deleted by later layers. */
  maxWasted?: string;
  metric: 'compressed' | 'uncompressed';
  /** Budgets per image from `.stageguard.yml`, keyed by target, `dockerfile#target`, `dockerfile` or image name. */
  perImageMaxSize?: Record<string, string>;
  /**
   * `maxSize` is a ceiling the per-image budgets cannot raise (a shipped image gets the smaller of the two): the
   * workflow's input is a floor a pull request's own `.stageguard.yml` cannot lower. Off, a per-image budget wins.
   */
  floor?: boolean;
}

function perImageBudget(s: ImageSize, table: Record<string, string> | undefined): { key: string; value: string } | null {
  if (!table) return null;
  const keys = [s.dockerfile && s.target ? `${s.dockerfile}#${s.target}` : null, s.target, s.dockerfile, s.image];
  for (const k of keys) {
    const value = k ? ownValue(table, k) : undefined;
    if (k && value !== undefined) return { key: k, value };
  }
  return null;
}

/**
 * Pure: the size budgets that failed. Bad size values throw (an Error naming the input). Deleted targets are never
 * gated; an image without a baseline (`new`, `no-baseline`, `not-compared`) never fails max-increase.
 */
export function evaluateSizeGates(sizes: ImageSize[], opts: SizeGateOptions): GateFailure[] {
  const maxSize = opts.maxSize ? parseSize(opts.maxSize, 'max-size') : null;
  const maxIncrease = opts.maxIncrease ? parseIncrease(opts.maxIncrease, 'max-increase') : null;
  const maxWasted = opts.maxWasted ? parseSize(opts.maxWasted, 'max-wasted') : null;
  const metric = opts.metric;
  const out: GateFailure[] = [];
  for (const s of sizes) {
    if (s.baseStatus === 'deleted') continue;
    const subject = sizeSubject(s);
    const own = perImageBudget(s, opts.perImageMaxSize);
    // the global budgets are for images that ship; a builder stage is gated only when a per-image budget names it
    const shipped = s.final !== false;
    if (!shipped && !own) continue;
    const ownBytes = own ? parseSize(own.value, `max-size for ${own.key}`) : null;
    // the config's budget applies unless the input's is smaller and a floor (builder stages have only their own)
    const useOwn = own !== null && ownBytes !== null && (!opts.floor || !shipped || maxSize === null || ownBytes <= maxSize);
    const budget = useOwn ? ownBytes : maxSize;
    if (budget !== null && s[metric] > budget) {
      const why = useOwn
        ? `${own.key}: ${own.value}`
        : `max-size ${opts.maxSize}${own ? `; the config's ${own.key}: ${own.value} cannot raise the workflow's budget` : ''}`;
      out.push({
        kind: 'max-size',
        subject,
        message: `${subject} is ${formatBytes(s[metric])} ${metric}, over its budget of ${formatBytes(budget)} (${why}).`
      });
    }
    if (shipped && maxIncrease && s.base && s.delta && (s.baseStatus === undefined || s.baseStatus === 'compared')) {
      const delta = s.delta[metric];
      const baseBytes = s.base[metric];
      const over =
        maxIncrease.kind === 'bytes' ? delta > maxIncrease.value : baseBytes > 0 ? (delta / baseBytes) * 100 > maxIncrease.value : delta > 0;
      if (over) {
        const pct = baseBytes > 0 ? ` (+${((delta / baseBytes) * 100).toFixed(1)}%)` : '';
        out.push({
          kind: 'max-increase',
          subject,
          message: `${subject} grew by ${formatBytes(delta)}${pct} ${metric} against the base branch, more than max-increase ${opts.maxIncrease}.`
        });
      }
    }
    if (shipped && maxWasted !== null && s.wasted > maxWasted) {
      out.push({
        kind: 'max-wasted',
        subject,
        message: `${subject} has ${formatBytes(s.wasted)} of files overwritten or deleted by later layers, more than max-wasted ${opts.maxWasted}.`
      });
    }
  }
  return out;
}

/** Pure: the per-image budgets of `.stageguard.yml` (`dockerfiles: {path: {max-size}}`), keyed as evaluateSizeGates reads them. */
export function perImageBudgets(dockerfiles: Record<string, DockerfileSettings>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, s] of Object.entries(dockerfiles)) {
    if (s.maxSize) out[file] = s.maxSize;
    for (const [t, v] of Object.entries(s.maxSizeByTarget ?? {})) out[`${file}#${t}`] = v;
  }
  return out;
}

/** Which gate kinds a set of options decides (a kind with no budget set is not decided by it). */
export function sizeGateKinds(opts: SizeGateOptions): GateFailure['kind'][] {
  const kinds: GateFailure['kind'][] = [];
  if (opts.maxSize || Object.keys(opts.perImageMaxSize ?? {}).length > 0) kinds.push('max-size');
  if (opts.maxIncrease) kinds.push('max-increase');
  if (opts.maxWasted) kinds.push('max-wasted');
  return kinds;
}
