import type { DockerfileModel, Instruction } from '../dockerfile/model';
import { instructionAt } from '../dockerfile/stages';
import type { Finding } from './rule';

/**
 * Docker's build checks (BuildKit's Dockerfile linter, what `docker build --check` runs), by name, as listed in
 * moby/buildkit `frontend/dockerfile/linter/ruleset.go`. A rule carrying one of these names as an alias means what
 * that check means, so `# check=skip=<name>` and `# check=error=true` apply to it.
 */
export const BUILDKIT_CHECKS: ReadonlySet<string> = new Set([
  'ConsistentInstructionCasing', 'CopyIgnoredFile', 'DuplicateStageName', 'ExposeInvalidFormat', 'ExposeProtoCasing',
  'FromAsCasing', 'FromPlatformFlagConstDisallowed', 'InvalidBaseImagePlatform', 'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription', 'JSONArgsRecommended', 'LegacyKeyValueFormat', 'MaintainerDeprecated',
  'MultipleInstructionsDisallowed', 'NoEmptyContinuation', 'RedundantTargetPlatform', 'ReservedStageName',
  'SecretsUsedInArgOrEnv', 'StageNameCasing', 'UndefinedArgInFrom', 'UndefinedVar', 'WorkdirRelativePath'
]);

/** Checks BuildKit runs only when `experimental=` names them (or says `all`). */
export const EXPERIMENTAL_CHECKS: ReadonlySet<string> = new Set(['InvalidDefinitionDescription']);

/** The BuildKit check a finding stands for, if any. */
export function buildkitNameOf(f: Pick<Finding, 'aliases'>): string | undefined {
  return f.aliases.find(a => BUILDKIT_CHECKS.has(a));
}

/** A parsed `check=` value (BuildKit's `linter.ParseLintOptions`). */
export interface CheckOptions {
  skipAll: boolean;
  skip: Set<string>;
  experimentalAll: boolean;
  experimental: Set<string>;
  error: boolean;
}

export const NO_CHECK_OPTIONS: CheckOptions = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };

const TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/**
 * Parses `skip=A,B;error=true;experimental=C` as BuildKit does: at most three `;` parts, keys `skip`, `experimental`
 * (each a list or `all`) and `error` (a Go boolean). Returns undefined for a value BuildKit rejects.
 */
export function parseCheckOptions(value: string): CheckOptions | undefined {
  const text = value.trim();
  const out: CheckOptions = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };
  if (text === '') return out;
  // Go's strings.SplitN(s, ";", 3): the third part keeps any further `;`
  const all = text.split(';');
  const parts = all.length > 3 ? [all[0], all[1], all.slice(2).join(';')] : all;
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === 'skip' || key === 'experimental') {
      const list = v.split(',').map(s => s.trim());
      if (key === 'skip') {
        if (v === 'all') out.skipAll = true;
        else for (const n of list) out.skip.add(n);
      } else if (v === 'all') out.experimentalAll = true;
      else for (const n of list) out.experimental.add(n);
    } else if (key === 'error') {
      if (TRUE.has(v)) out.error = true;
      else if (FALSE.has(v)) out.error = false;
      else return undefined;
    } else return undefined;
  }
  return out;
}

const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** Lines (1-based) of the parser directives at the top of the file (`# syntax=`, `# escape=`, `# check=`). */
export function directiveLines(model: DockerfileModel): Set<number> {
  const out = new Set<number>();
  const seen = new Set<string>();
  for (let i = 0; i < model.lines.length; i++) {
    const m = DIRECTIVE.exec(model.lines[i].trim());
    if (!m) break;
    const name = m[1].toLowerCase();
    if (seen.has(name)) break;
    seen.add(name);
    out.add(i + 1);
  }
  return out;
}

/**
 * The comments BuildKit attaches to an instruction (its `PrevComment`): every non-empty comment line between the
 * previous instruction and this one, blank lines allowed, restarted by an empty `#` line; file directives excluded.
 */
export function commentsBefore(model: DockerfileModel, index: number, directives: Set<number> = directiveLines(model)): string[] {
  const inst = model.instructions[index];
  const from = index > 0 ? model.instructions[index - 1].range.endLine + 1 : 1;
  let out: string[] = [];
  for (let l = from; l < inst.range.line; l++) {
    if (directives.has(l)) continue;
    const t = (model.lines[l - 1] ?? '').trim();
    if (!t.startsWith('#')) continue;
    const text = t.slice(1).trim();
    if (text === '') out = [];
    else out.push(text);
  }
  return out;
}

/** The options of the first `check=` comment before an instruction; the part after a space is a remark. */
export function instructionCheckOptions(comments: string[]): CheckOptions | undefined {
  for (const c of comments) {
    const m = DIRECTIVE.exec(`#${c}`);
    if (!m || m[1].toLowerCase() !== 'check') continue;
    return parseCheckOptions(m[2].split(' ', 1)[0]) ?? undefined;
  }
  return undefined;
}


/**
 * Applies BuildKit's `check=` settings to the findings of rules that stand for a build check, as BuildKit does:
 * the file directive (or, replacing it, the `BUILDKIT_DOCKERFILE_CHECK` build argument) and since dockerfile 1.21 a
 * `# check=` comment right before one instruction, which adds `skip`/`experimental` for that instruction only.
 * Skipped checks are dropped; experimental checks are kept only where enabled; with `error=true` the kept build-check
 * findings are errors (BuildKit fails the build on them). Other findings pass through untouched.
 */
export function applyCheckDirectives(findings: Finding[], model: DockerfileModel, buildArg?: string): Finding[] {
  if (!findings.some(f => buildkitNameOf(f) !== undefined)) return findings;
  const file = (buildArg !== undefined ? parseCheckOptions(buildArg) : model.directives.check !== undefined ? parseCheckOptions(model.directives.check) : undefined) ?? NO_CHECK_OPTIONS;
  const directives = directiveLines(model);
  const perInstruction = new Map<number, CheckOptions | undefined>();
  const out: Finding[] = [];
  for (const f of findings) {
    const name = buildkitNameOf(f);
    if (name === undefined) {
      out.push(f);
      continue;
    }
    const idx = instructionAt(model, f.line);
    let local: CheckOptions | undefined;
    if (idx >= 0) {
      if (!perInstruction.has(idx)) perInstruction.set(idx, instructionCheckOptions(commentsBefore(model, idx, directives)));
      local = perInstruction.get(idx);
    }
    if (EXPERIMENTAL_CHECKS.has(name)) {
      const on = file.experimentalAll || file.experimental.has(name) || local?.experimentalAll === true || local?.experimental.has(name) === true;
      if (!on) continue;
    } else if (file.skipAll || file.skip.has(name) || local?.skipAll === true || local?.skip.has(name) === true) continue;
    out.push(file.error && f.severity !== 'error' ? { ...f, severity: 'error' } : f);
  }
  return out;
}

/** Instructions as written, keyword casing included (`copy`, `From`). */
export function keywordAsWritten(inst: Instruction): string {
  return inst.text.slice(0, inst.keyword.length);
}
