import * as path from 'node:path';
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ProgressStep } from './progress';

/**
 * Why a build missed the cache: the first Dockerfile step that executed instead of coming from the cache, as the
 * Dockerfile line, and the likeliest cause from what stageguard knows (the PR's changed files, the base commit's
 * Dockerfile, the base image digest of the base commit's build, the build args, the cache imports). BuildKit itself
 * does not say why a step missed (moby/buildkit#2567); this is an inference and the comment words it so.
 */

export type CacheMissCause =
  /** The PR changed files under the COPY/ADD's sources. */
  | 'files-changed'
  /** The step itself is new or edited in the PR. */
  | 'instruction-changed'
  /** An instruction before it that makes no step of its own (ENV, ARG, USER, SHELL...) changed. */
  | 'earlier-instruction'
  /** The base image resolved to another digest than in the base commit's build. */
  | 'base-image'
  /** A build arg the step sees was passed (a value that changes between runs misses every time). */
  | 'build-arg'
  /** No cache was imported and nothing was cached: a first build. */
  | 'no-cache'
  | 'unknown';

export interface CacheMiss {
  /** The Dockerfile line of the step, null when it could not be mapped. */
  line: number | null;
  /** The instruction as BuildKit printed it (bounded). */
  instruction: string;
  stage: string | null;
  cause: CacheMissCause;
  /** One sentence for the report, e.g. `src/app.py changed`. */
  detail: string;
  /** For `files-changed`: up to five of the changed files. */
  files?: string[];
}

export interface CacheMissInput {
  steps: ProgressStep[];
  model: DockerfileModel;
  /** The Dockerfile's build context, repository-relative (`.` for the root). */
  context: string;
  /** Files the PR changed, repository-relative; null when unknown. */
  changedFiles: string[] | null;
  /** The same Dockerfile at the base commit, when it was read. */
  baseModel?: DockerfileModel;
  /** `image@sha256:...` the FROM steps resolved to in this build and in the base commit's build. */
  fromDigests?: string[];
  baseFromDigests?: string[];
  /** `KEY=VALUE` build args passed to the build. */
  buildArgs?: string[];
  /** Whether any cache import hit. */
  cacheHit: boolean;
}

/** Instructions BuildKit turns into a step (a vertex named `[stage i/n] ...`). */
const MAKES_STEP = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR']);

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Pure: the name BuildKit gives a stage in its progress: its AS name, `stage-N` unnamed, none for a lone stage. */
export function progressStageName(model: DockerfileModel, stage: Stage): string | null {
  if (stage.name) return stage.name;
  return model.stages.length === 1 ? null : `stage-${stage.index}`;
}

/** Pure: the stage and instruction a progress step is, by stage name and position (FROM is position 1). */
export function instructionOfStep(model: DockerfileModel, step: Pick<ProgressStep, 'stage' | 'index' | 'count' | 'keyword' | 'text'>): { stage: Stage; instruction: Instruction } | null {
  const stage = model.stages.find(s => (progressStageName(model, s) ?? null) === step.stage || s.name?.toLowerCase() === step.stage?.toLowerCase());
  if (!stage) return null;
  const producing = [stage.from, ...stage.instructions.filter(i => MAKES_STEP.has(i.keyword))];
  const at = producing[step.index - 1];
  if (producing.length === step.count && at && at.keyword === step.keyword) return { stage, instruction: at };
  // another BuildKit counted differently: fall back to the text (continuations joined)
  const text = norm(step.text);
  const byText = producing.find(i => norm(`${i.keyword} ${i.text.replace(/\\\r?\n/g, ' ').replace(/^\S+\s*/, '')}`) === text);
  return byText ? { stage, instruction: byText } : null;
}

/** Pure: the step that executed first (by start time, then by the order BuildKit reported it); null when all came from cache. */
export function firstExecutedStep(steps: ProgressStep[]): ProgressStep | null {
  let first: ProgressStep | null = null;
  for (const s of steps) {
    if (s.keyword === 'FROM' || s.cached || !s.started) continue;
    if (!first || Date.parse(s.started) < Date.parse(first.started!)) first = s;
  }
  return first;
}

/** The text that decides a step's cache key, without the line breaks of continuations. */
function instructionKey(i: Instruction): string {
  return norm(i.text.replace(/\\\r?\n/g, ' '));
}

function stageOf(model: DockerfileModel, like: Stage): Stage | undefined {
  return model.stages.find(s => (like.name ? s.name?.toLowerCase() === like.name.toLowerCase() : s.index === like.index));
}

/** Pure: COPY/ADD sources (context-relative), not for `--from` (that copies from a stage or an image). */
function copySources(i: Instruction): string[] | null {
  if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.flags.some(f => f.name === 'from')) return null;
  if (i.heredocs.length > 0) return [];
  return i.argv.slice(0, -1).filter(s => !/^[a-z]+:\/\//i.test(s));
}

/**
 * Pure: whether a context-relative file is under a COPY source. A source is a file, a folder or a pattern with `*`
 * and `?` (Go's filepath.Match, as BuildKit uses it); a pattern with more than four wildcards counts as the whole
 * context, so a hostile pattern cannot make the match slow.
 */
export function underSource(file: string, source: string): boolean {
  const src = path.posix.normalize(source.replace(/^\/+/, '')).replace(/\/+$/, '');
  if (src === '.' || src === '') return true;
  if (!/[*?[]/.test(src)) return file === src || file.startsWith(`${src}/`);
  if ((src.match(/[*?[]/g) ?? []).length > 4) return true;
  const re = new RegExp(`^${src.split('').map(c => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&'))).join('')}(/|$)`);
  return re.test(file);
}

/** Pure: ARG names in scope in a stage up to an instruction (global ARGs count only when redeclared in the stage). */
function argsBefore(stage: Stage, upTo: Instruction): string[] {
  const names: string[] = [];
  for (const i of stage.instructions) {
    if (i === upTo) break;
    if (i.keyword === 'ARG') for (const a of i.argv) names.push(a.split('=')[0]);
  }
  return names;
}

function clip(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** Pure: the first cache miss of one build and its likeliest cause; null when every step came from the cache. */
export function explainCacheMiss(o: CacheMissInput): CacheMiss | null {
  const step = firstExecutedStep(o.steps);
  if (!step) return null;
  const found = instructionOfStep(o.model, step);
  const base = { line: found?.instruction.range.line ?? null, instruction: clip(step.text), stage: step.stage };
  const anyCached = o.steps.some(s => s.cached && s.keyword !== 'FROM');
  if (!found) {
    return { ...base, ...(o.cacheHit || anyCached ? { cause: 'unknown' as const, detail: 'the step could not be matched to a Dockerfile line' } : { cause: 'no-cache' as const, detail: 'no cache existed for this build' }) };
  }
  const { stage, instruction } = found;

  // the base image moved: every step after its FROM misses
  const moved = (o.fromDigests ?? []).filter(d => d.includes('@') && !(o.baseFromDigests ?? [d]).includes(d));
  if (moved.length > 0 && o.baseFromDigests && o.baseFromDigests.length > 0) {
    const ref = moved[0].split('@')[0];
    if (stage.base.resolved.startsWith(ref) || ref.endsWith(stage.base.repository)) {
      return { ...base, cause: 'base-image', detail: `the base image \`${clip(ref, 120)}\` resolved to another digest than on the base branch` };
    }
  }

  // the Dockerfile changed: the step itself, or an instruction before it that makes no step of its own
  const baseStage = o.baseModel ? stageOf(o.baseModel, stage) : undefined;
  if (o.baseModel) {
    if (!baseStage) return { ...base, cause: 'instruction-changed', detail: 'the stage is new in this pull request' };
    const baseKeys = new Set(baseStage.instructions.map(instructionKey));
    if (!baseKeys.has(instructionKey(instruction))) return { ...base, cause: 'instruction-changed', detail: 'this instruction is new or changed in this pull request' };
    const before = stage.instructions.slice(0, stage.instructions.indexOf(instruction));
    const changed = before.find(i => !MAKES_STEP.has(i.keyword) && !baseKeys.has(instructionKey(i)));
    if (changed) {
      return { ...base, cause: 'earlier-instruction', detail: `L${changed.range.line} \`${clip(instructionKey(changed), 120)}\` changed before it` };
    }
  }

  // files under the COPY's sources changed
  const sources = copySources(instruction);
  if (sources && o.changedFiles) {
    const ctx = path.posix.normalize(o.context.replace(/\\/g, '/')).replace(/\/+$/, '');
    const inContext = o.changedFiles
      .filter(f => ctx === '.' || f.startsWith(`${ctx}/`))
      .map(f => ({ repo: f, rel: ctx === '.' ? f : f.slice(ctx.length + 1) }));
    const hit = inContext.filter(f => sources.some(s => underSource(f.rel, s)));
    if (hit.length > 0) {
      const files = hit.slice(0, 5).map(f => f.repo);
      const more = hit.length > 5 ? ` and ${hit.length - 5} more` : '';
      return { ...base, cause: 'files-changed', detail: `${files.join(', ')}${more} changed`, files };
    }
  }

  // a build arg the step sees was passed
  const passed = new Set((o.buildArgs ?? []).map(a => a.split('=')[0]));
  const seen = argsBefore(stage, instruction).filter(a => passed.has(a));
  if (seen.length > 0 && (instruction.keyword === 'RUN' || /\$/.test(instruction.args))) {
    return { ...base, cause: 'build-arg', detail: `the build arg ${seen.slice(0, 3).map(a => `\`${clip(a, 60)}\``).join(', ')} is passed to this step; a value that changes between runs misses the cache every time` };
  }

  if (!o.cacheHit && !anyCached) return { ...base, cause: 'no-cache', detail: 'no cache existed for this build (a first build of this branch, or no cache repository)' };
  return { ...base, cause: 'unknown', detail: 'nothing stageguard knows changed; the cache may have been evicted or written by another builder' };
}

/** Pure: the `image@sha256:...` each FROM step of a build resolved to. */
export function fromDigests(steps: ProgressStep[]): string[] {
  return [...new Set(steps.filter(s => s.keyword === 'FROM').map(s => s.text.replace(/^FROM\s+/i, '').split(/\s+/)[0]).filter(r => r.includes('@sha256:')))];
}
