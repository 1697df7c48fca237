import * as core from '@actions/core';

/** Every input of action.yml, read once into a typed object (keys spelled as in action.yml). */
export interface Inputs {
  'github-token': string;
  dockerfiles: string[];
  'changed-only': boolean;
  config: string;
  'fail-on': FailOn;
  'sarif-file': string;
  build: boolean;
  targets: string[];
  context: string;
  'build-args': string[];
  platform: string;
  network: string;
  builder: string;
  push: boolean;
  load: boolean;
  'max-parallel': number;
  'cache-repository': string;
  compare: boolean;
  'max-size': string;
  'max-increase': string;
  'max-wasted': string;
  'size-metric': 'compressed' | 'uncompressed';
  /** `own`: only findings of the Dockerfile's own layers gate; `all`: the base image's too. */
  'image-findings': 'own' | 'all';
  /** A PR label that turns the size gates into notes (a growth accepted on purpose); '' when turned off (`none`). */
  'accept-size-label': string;
  'main-image': string;
  comment: 'always' | 'on-change' | 'never';
  'comment-mode': 'update' | 'recreate';
  'comment-header': string;
  /** run (the whole job), plan (the matrix), shard (one matrix entry → partial report), report (merge and publish). */
  mode: Mode;
  'max-shards': number;
  history: string;
  shard: string;
  'partial-reports': string[];
  'expected-shards': string;
  'fail-in-shard': boolean;
  /** ShellCheck over RUN scripts: auto (when installed, else a notice), required, off. */
  shellcheck: 'auto' | 'required' | 'off';
  /** Gates consider only the findings the pull request brings (not those already on the base commit). */
  'only-new-findings': boolean;
  /**
   * false (default): the workflow's gates are a floor the repository's config cannot lower (a pull request brings its
   * own `.stageguard.yml`): per-image budgets take the smaller of config and input, fail-on the stricter. true: the
   * config's budgets and fail-on apply as written.
   */
  'trust-config': boolean;
}

export type Mode = 'run' | 'plan' | 'shard' | 'report';

export type FailOn = 'error' | 'warning' | 'info' | 'style' | 'none';

/** Splits a list input on newlines and commas, trimming and dropping blanks and `#` comments. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'));
}

/** One KEY=VALUE per line (values may contain commas). */
export function splitLines(value: string): string[] {
  return value
    .split('\n')
    .map(s => s.trim())
    .filter(s => s !== '' && !s.startsWith('#'));
}

/** Where a reader of raw inputs puts what was wrong with them; each bad value falls back to its default. */
type Errors = string[];

function oneOf<T extends string>(errors: Errors, name: string, value: string, allowed: readonly T[], fallback: T): T {
  const v = (value.trim() || fallback).toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  errors.push(`Input "${name}" must be one of ${allowed.join(', ')}; got "${value}".`);
  return fallback;
}

function bool(errors: Errors, name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off'].includes(v)) return false;
  errors.push(`Input "${name}" must be true or false; got "${value}".`);
  return fallback;
}

function positiveInt(errors: Errors, name: string, value: string, fallback: number): number {
  const v = value.trim();
  if (v === '') return fallback;
  if (/^\d{1,9}$/.test(v) && Number(v) >= 1) return Number(v);
  errors.push(`Input "${name}" must be a whole number of at least 1; got "${value}".`);
  return fallback;
}

/** The default waiver label; `none` turns the waiver off. */
export const DEFAULT_ACCEPT_SIZE_LABEL = 'stageguard:accept-size';

function acceptSizeLabel(errors: Errors, value: string): string {
  const v = value.trim();
  if (v === '') return DEFAULT_ACCEPT_SIZE_LABEL;
  if (v.toLowerCase() === 'none') return '';
  if (v.length > 50) {
    errors.push(`Input "accept-size-label" must be a label name (at most 50 characters); got "${v.slice(0, 60)}".`);
    return DEFAULT_ACCEPT_SIZE_LABEL;
  }
  return v;
}

/**
 * Pure: turns raw input strings (as the runner passes them) into `Inputs`. A bad value is named in `errors` (the
 * input, what it must be, what it was) and its default is used, so the run can still publish a failed report.
 * `getInputs()` feeds it from @actions/core; tests call it directly.
 */
export function readInputs(raw: (name: string) => string): { inputs: Inputs; errors: string[] } {
  const e: Errors = [];
  const inputs: Inputs = {
    'github-token': raw('github-token').trim(),
    dockerfiles: splitList(raw('dockerfiles')),
    'changed-only': bool(e, 'changed-only', raw('changed-only'), true),
    config: raw('config').trim(),
    'fail-on': oneOf(e, 'fail-on', raw('fail-on'), ['error', 'warning', 'info', 'style', 'none'] as const, 'error'),
    'sarif-file': raw('sarif-file').trim(),
    build: bool(e, 'build', raw('build'), true),
    targets: splitList(raw('targets')),
    context: raw('context').trim(),
    'build-args': splitLines(raw('build-args')),
    platform: raw('platform').trim(),
    network: raw('network').trim(),
    builder: raw('builder').trim(),
    push: bool(e, 'push', raw('push'), false),
    load: bool(e, 'load', raw('load'), false),
    'max-parallel': positiveInt(e, 'max-parallel', raw('max-parallel'), 2),
    'cache-repository': raw('cache-repository').trim(),
    compare: bool(e, 'compare', raw('compare'), true),
    'max-size': raw('max-size').trim(),
    'max-increase': raw('max-increase').trim(),
    'max-wasted': raw('max-wasted').trim(),
    'size-metric': oneOf(e, 'size-metric', raw('size-metric'), ['compressed', 'uncompressed'] as const, 'compressed'),
    'image-findings': oneOf(e, 'image-findings', raw('image-findings'), ['own', 'all'] as const, 'own'),
    'accept-size-label': acceptSizeLabel(e, raw('accept-size-label')),
    'main-image': raw('main-image').trim(),
    comment: oneOf(e, 'comment', raw('comment'), ['always', 'on-change', 'never'] as const, 'always'),
    'comment-mode': oneOf(e, 'comment-mode', raw('comment-mode'), ['update', 'recreate'] as const, 'update'),
    'comment-header': raw('comment-header').trim(),
    mode: oneOf(e, 'mode', raw('mode'), ['run', 'plan', 'shard', 'report'] as const, 'run'),
    'max-shards': positiveInt(e, 'max-shards', raw('max-shards'), 8),
    history: raw('history').trim(),
    shard: raw('shard').trim(),
    'partial-reports': splitList(raw('partial-reports')),
    'expected-shards': raw('expected-shards').trim(),
    'fail-in-shard': bool(e, 'fail-in-shard', raw('fail-in-shard'), false),
    shellcheck: oneOf(e, 'shellcheck', raw('shellcheck'), ['auto', 'required', 'off'] as const, 'auto'),
    'only-new-findings': bool(e, 'only-new-findings', raw('only-new-findings'), false),
    'trust-config': bool(e, 'trust-config', raw('trust-config'), false)
  };
  return { inputs, errors: e };
}

/** Like `readInputs`, but throws the first error (for callers that cannot publish one). */
export function parseInputs(raw: (name: string) => string): Inputs {
  const { inputs, errors } = readInputs(raw);
  if (errors.length) throw new Error(errors[0]);
  return inputs;
}



/** The only reader of core.getInput. The token is masked before anything else can print it. */
export function getInputs(): { inputs: Inputs; errors: string[] } {
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  return readInputs(name => core.getInput(name));
}
