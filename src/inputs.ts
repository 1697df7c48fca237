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

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  const v = (value.trim() || fallback).toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new Error(`Input "${name}" must be one of ${allowed.join(', ')}; got "${value}".`);
}

function bool(name: string, value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === '') return fallback;
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off'].includes(v)) return false;
  throw new Error(`Input "${name}" must be true or false; got "${value}".`);
}

function positiveInt(name: string, value: string, fallback: number): number {
  const v = value.trim();
  if (v === '') return fallback;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`Input "${name}" must be a whole number of at least 1; got "${value}".`);
  return Number(v);
}

/** The default waiver label; `none` turns the waiver off. */
export const DEFAULT_ACCEPT_SIZE_LABEL = 'stageguard:accept-size';

function acceptSizeLabel(value: string): string {
  const v = value.trim();
  if (v === '') return DEFAULT_ACCEPT_SIZE_LABEL;
  if (v.toLowerCase() === 'none') return '';
  if (v.length > 50) throw new Error(`Input "accept-size-label" must be a label name (at most 50 characters); got "${v.slice(0, 60)}".`);
  return v;
}

/**
 * Pure: turns raw input strings (as the runner passes them) into `Inputs`, with a clear error naming the input.
 * `getInputs()` feeds it from @actions/core; tests call it directly.
 */
export function parseInputs(raw: (name: string) => string): Inputs {
  return {
    'github-token': raw('github-token').trim(),
    dockerfiles: splitList(raw('dockerfiles')),
    'changed-only': bool('changed-only', raw('changed-only'), true),
    config: raw('config').trim(),
    'fail-on': oneOf('fail-on', raw('fail-on'), ['error', 'warning', 'info', 'style', 'none'] as const, 'error'),
    'sarif-file': raw('sarif-file').trim(),
    build: bool('build', raw('build'), true),
    targets: splitList(raw('targets')),
    context: raw('context').trim(),
    'build-args': splitLines(raw('build-args')),
    platform: raw('platform').trim(),
    network: raw('network').trim(),
    builder: raw('builder').trim(),
    push: bool('push', raw('push'), false),
    load: bool('load', raw('load'), false),
    'max-parallel': positiveInt('max-parallel', raw('max-parallel'), 2),
    'cache-repository': raw('cache-repository').trim(),
    compare: bool('compare', raw('compare'), true),
    'max-size': raw('max-size').trim(),
    'max-increase': raw('max-increase').trim(),
    'max-wasted': raw('max-wasted').trim(),
    'size-metric': oneOf('size-metric', raw('size-metric'), ['compressed', 'uncompressed'] as const, 'compressed'),
    'image-findings': oneOf('image-findings', raw('image-findings'), ['own', 'all'] as const, 'own'),
    'accept-size-label': acceptSizeLabel(raw('accept-size-label')),
    'main-image': raw('main-image').trim(),
    comment: oneOf('comment', raw('comment'), ['always', 'on-change', 'never'] as const, 'always'),
    'comment-mode': oneOf('comment-mode', raw('comment-mode'), ['update', 'recreate'] as const, 'update'),
    'comment-header': raw('comment-header').trim(),
    mode: oneOf('mode', raw('mode'), ['run', 'plan', 'shard', 'report'] as const, 'run'),
    'max-shards': positiveInt('max-shards', raw('max-shards'), 8),
    history: raw('history').trim(),
    shard: raw('shard').trim(),
    'partial-reports': splitList(raw('partial-reports')),
    'expected-shards': raw('expected-shards').trim(),
    'fail-in-shard': bool('fail-in-shard', raw('fail-in-shard'), false),
    shellcheck: oneOf('shellcheck', raw('shellcheck'), ['auto', 'required', 'off'] as const, 'auto'),
    'only-new-findings': bool('only-new-findings', raw('only-new-findings'), false)
  };
}

/** The only reader of core.getInput. The token is masked before anything else can print it. */
export function getInputs(): Inputs {
  const token = core.getInput('github-token');
  if (token) core.setSecret(token);
  return parseInputs(name => core.getInput(name));
}
