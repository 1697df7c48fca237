import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DockerfileModel, Instruction } from '../dockerfile/model';
import { stageChain } from '../dockerfile/stages';
import { exec, type ExecResult } from '../exec';
import { envNames, inheritedNames } from './instructions';
import type { Finding, Rule, Severity } from './rule';
import { ownValue } from '../own';

export type ShellcheckMode = 'auto' | 'required' | 'off';
export const SHELLCHECK_MODES: readonly ShellcheckMode[] = ['auto', 'required', 'off'];

/** Describes the `shellcheck` findings (one per ShellCheck comment, its SC code as alias), for SARIF and docs. */
export const SHELLCHECK_RULE: Rule = {
  id: 'shellcheck',
  severity: 'warning',
  description: 'ShellCheck over the shell of every RUN (shell form and heredoc bodies), with the SC code as alias.',
  aliases: [],
  help:
    'Each RUN script is checked by the `shellcheck` binary on PATH, with the shell the stage\'s SHELL names (non-POSIX shells are skipped) ' +
    'and the ARG/ENV names declared so far, so they do not count as unassigned. Ignore one code with `# hadolint ignore=SC2086` or config `ignored: [SC2086]`.',
  // reported by the engine from the shellcheck process, not by a check
  check: () => []
};

/** Codes that cannot be right for a RUN script: sourced files are not at hand when linting. */
const EXCLUDED = ['SC1090', 'SC1091'];

/** One RUN script as ShellCheck will see it, and how to map its lines back to the Dockerfile. */
export interface ShellScript {
  /** The script text: a shebang, an `export` line of the names declared so far, then the body. */
  text: string;
  /** Lines before the body (shebang and exports). */
  headerLines: number;
  /** Dockerfile line of the body's first line; body lines map one to one, columns unchanged. */
  firstLine: number;
  /** Index of the instruction in `model.instructions`. */
  instruction: number;
  stage: number;
}

const SHELLS: Record<string, string> = { sh: 'sh', ash: 'sh', bash: 'bash', dash: 'dash', ksh: 'ksh', mksh: 'ksh', ksh93: 'ksh', busybox: 'sh' };

/** The ShellCheck dialect of a SHELL / shebang program (`/bin/bash` → bash), undefined for a non-POSIX shell. */
export function dialectOf(program: string | undefined): string | undefined {
  if (program === undefined) return 'sh';
  const base = program.replace(/\\/g, '/').split('/').pop()!.toLowerCase().replace(/\.exe$/, '');
  return ownValue(SHELLS, base);
}

/** The program a JSON-form SHELL sets, else the one before it (`/bin/sh` when none was set: undefined). */
function shellAfter(i: Instruction, program: string | undefined): string | undefined {
  return i.keyword === 'SHELL' && i.jsonForm && i.argv.length > 0 ? i.argv[0] : program;
}

/**
 * Blanks the keyword and the `--flag`s of an instruction, keeping every column: the flags may go on over continuation
 * lines (`RUN --mount=... \` then `    --mount=... \`), so lines are scanned until the first word that is not a flag.
 */
export function blankPrefix(lines: string[], column: number, keyword: string, escape = '\\'): string[] {
  const out = [...lines];
  let i = column - 1 + keyword.length;
  for (let l = 0; l < out.length; l++, i = 0) {
    const line = out[l];
    for (;;) {
      while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
      if (!line.startsWith('--', i)) break;
      let quote: string | null = null;
      while (i < line.length && (quote !== null || (line[i] !== ' ' && line[i] !== '\t'))) {
        if (quote === null && (line[i] === '"' || line[i] === "'")) quote = line[i];
        else if (line[i] === quote) quote = null;
        i++;
      }
    }
    const continues = line.slice(i).trim() === escape && l + 1 < out.length;
    out[l] = ' '.repeat(Math.min(i, line.length)) + line.slice(i);
    if (!continues) break;
  }
  return out;
}

const HEREDOC_ONLY = /^(?:\s*<<-?\s*(["']?)[A-Za-z_][A-Za-z0-9_]*\1)+\s*$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function header(dialect: string, names: Set<string>): string[] {
  const valid = [...names].filter(n => IDENT.test(n)).sort();
  // `export NAME` without a value: declared (no SC2154) but of unknown content (SC2086 still applies)
  return valid.length > 0 ? [`#!/bin/${dialect}`, `export ${valid.join(' ')}`] : [`#!/bin/${dialect}`, ''];
}

/**
 * The scripts of a Dockerfile's RUN instructions, as hadolint hands them to ShellCheck: shell form (continuation
 * lines kept in place, comment and empty lines inside a continuation made neutral) and `RUN <<EOF` heredoc bodies
 * (whose own shebang, if any, picks the shell). Exec-form RUNs and RUNs under a non-POSIX SHELL are skipped. Pure.
 */
export function runScripts(model: DockerfileModel): ShellScript[] {
  if (model.directives.escape !== '\\') return [];
  const out: ShellScript[] = [];
  const indexOf = new Map(model.instructions.map((x, k) => [x, k]));
  for (const stage of model.stages) {
    // what the stages it is built FROM declared, and the SHELL they leave set (a RUN runs under the last one)
    const declared = inheritedNames(model, stage);
    let program: string | undefined;
    for (const s of stageChain(model, stage).slice(1).reverse()) for (const i of s.instructions) program = shellAfter(i, program);
    // the script header changes only when a name is declared: made again then, not for every RUN
    let heads = new Map<string, string[]>();
    let declaredCount = declared.size;
    const headerOf = (dialect: string): string[] => {
      if (declared.size !== declaredCount) {
        heads = new Map();
        declaredCount = declared.size;
      }
      let h = heads.get(dialect);
      if (h === undefined) heads.set(dialect, (h = header(dialect, declared)));
      return h;
    };
    for (const inst of stage.instructions) {
      for (const n of envNames(inst)) declared.add(n);
      const runsUnder = program;
      program = shellAfter(inst, program);
      if (inst.keyword !== 'RUN' || inst.jsonForm) continue;
      const dialect = dialectOf(runsUnder);
      if (dialect === undefined) continue;
      const index = indexOf.get(inst) ?? -1;
      const { line, endLine, column } = inst.range;
      const bodyStarts = inst.heredocs.map(h => h.range.endLine - (h.content === '' ? 0 : h.content.replace(/\n$/, '').split('\n').length));
      const commandEnd = inst.heredocs.length > 0 ? Math.min(...bodyStarts) - 1 : endLine;
      const raw: string[] = [];
      for (let l = line; l <= commandEnd; l++) {
        const text = model.lines[l - 1] ?? '';
        // Docker drops comment and empty lines inside a continuation; a lone `\` keeps the shell's continuation
        if (l > line && (text.trim() === '' || text.trim().startsWith('#'))) raw.push(`${' '.repeat(Math.max(0, text.length - 1))}\\`);
        else raw.push(text);
      }
      const command = blankPrefix(raw, column, inst.keyword);
      if (inst.heredocs.length > 0 && HEREDOC_ONLY.test(command.join(' ').replace(/\\$/gm, ''))) {
        // `RUN <<EOF`: each heredoc body is the script
        inst.heredocs.forEach((h, k) => {
          const first = bodyStarts[k];
          const body = model.lines.slice(first - 1, h.range.endLine - 1);
          if (body.length === 0) return;
          let d: string | undefined = dialect;
          let head = headerOf(dialect);
          if (body[0].startsWith('#!')) {
            d = dialectOf(body[0].slice(2).trim().split(/\s+/).filter(w => w !== '/usr/bin/env' && w !== 'env')[0]);
            head = [];
          }
          if (d === undefined) return;
          out.push({ text: [...head, ...body].join('\n') + '\n', headerLines: head.length, firstLine: first, instruction: index, stage: stage.index });
        });
        continue;
      }
      const head = headerOf(dialect);
      const body = [...command, ...model.lines.slice(commandEnd, endLine)];
      out.push({ text: [...head, ...body].join('\n') + '\n', headerLines: head.length, firstLine: line, instruction: index, stage: stage.index });
    }
  }
  return out;
}

/** The shellcheck command line for a batch of script files. Pure. */
export function shellcheckArgs(files: string[]): string[] {
  return ['--format=json1', '--norc', `--exclude=${EXCLUDED.join(',')}`, ...files];
}

export interface ShellcheckComment {
  file: string;
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
}

/** Parses ShellCheck's `--format=json1` output; undefined when it is not that format. Pure. */
export function parseShellcheckJson1(stdout: string): ShellcheckComment[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  const comments = (doc as { comments?: unknown }).comments;
  if (!Array.isArray(comments)) return undefined;
  return comments.filter(
    (c): c is ShellcheckComment =>
      typeof c === 'object' && c !== null && typeof c.file === 'string' && typeof c.line === 'number' && typeof c.column === 'number' && typeof c.code === 'number'
  );
}

const LEVELS: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

/** A ShellCheck comment on a script, placed on the Dockerfile line and column it came from. Pure. */
export function toDockerfileFinding(c: ShellcheckComment, script: ShellScript, model: DockerfileModel): Finding | undefined {
  const line = c.line - script.headerLines - 1 + script.firstLine;
  const endLine = (c.endLine ?? c.line) - script.headerLines - 1 + script.firstLine;
  const inst = model.instructions[script.instruction];
  // a comment on the header (or past the body) is about our scaffolding, not the user's script
  if (line < script.firstLine || line > inst.range.endLine) return undefined;
  return {
    rule: SHELLCHECK_RULE.id,
    aliases: [`SC${c.code}`],
    severity: LEVELS[c.level] ?? 'warning',
    line,
    column: c.column,
    endLine: Math.min(Math.max(endLine, line), inst.range.endLine),
    endColumn: c.endColumn ?? c.column + 1,
    stage: script.stage,
    message: `SC${c.code}: ${c.message}`
  };
}

export interface ShellcheckOutcome {
  /** Findings per Dockerfile path. */
  findings: Map<string, Finding[]>;
  /** Whether shellcheck ran (false when off or missing). */
  ran: boolean;
  version?: string;
  /** Set when ShellCheck could not be used (missing binary in `auto`, or it failed). */
  notice?: string;
  /** Scripts checked. */
  scripts: number;
}

export type ExecFn = (cmd: string, args: string[], opts?: { cwd?: string; timeoutMs?: number }) => Promise<ExecResult>;

const BATCH = 1000;

/**
 * Runs ShellCheck over every RUN script of `models`: one shellcheck process per thousand scripts (one for a usual
 * repository), never one per RUN. `auto` without a binary gives a notice; `required` without one throws.
 */
export async function runShellcheck(models: DockerfileModel[], mode: ShellcheckMode, run: ExecFn = exec): Promise<ShellcheckOutcome> {
  const findings = new Map<string, Finding[]>();
  if (mode === 'off') return { findings, ran: false, scripts: 0 };
  const probe = await run('shellcheck', ['--version'], { timeoutMs: 30_000 });
  if (probe.spawnError !== undefined || probe.exitCode !== 0) {
    const why = 'ShellCheck is not installed (no `shellcheck` on PATH), so the shell inside RUN was not checked';
    if (mode === 'required') throw new Error(`${why}; install shellcheck or set shellcheck: auto or off.`);
    return { findings, ran: false, notice: `${why}. Install shellcheck, or set \`shellcheck: off\` to silence this notice.`, scripts: 0 };
  }
  const version = /version:\s*(\S+)/.exec(probe.stdout)?.[1];
  const scripts: { model: DockerfileModel; script: ShellScript; file: string }[] = [];
  for (const model of models) for (const script of runScripts(model)) scripts.push({ model, script, file: `${scripts.length}.sh` });
  if (scripts.length === 0) return { findings, ran: true, version, scripts: 0 };
  const dir = await mkdtemp(join(tmpdir(), 'stageguard-shellcheck-'));
  try {
    await Promise.all(scripts.map(s => writeFile(join(dir, s.file), s.script.text)));
    const byFile = new Map(scripts.map(s => [s.file, s]));
    for (let i = 0; i < scripts.length; i += BATCH) {
      const batch = scripts.slice(i, i + BATCH).map(s => s.file);
      const r = await run('shellcheck', shellcheckArgs(batch), { cwd: dir, timeoutMs: 300_000 });
      const comments = parseShellcheckJson1(r.stdout);
      if (comments === undefined) {
        const why = `ShellCheck failed (exit ${r.exitCode}${r.timedOut ? ', timed out' : ''}): ${r.stderr.trim().split('\n')[0] ?? ''}`;
        if (mode === 'required') throw new Error(why);
        return { findings, ran: false, version, notice: why, scripts: scripts.length };
      }
      for (const c of comments) {
        const s = byFile.get(c.file.replace(/^\.\//, ''));
        if (!s) continue;
        const f = toDockerfileFinding(c, s.script, s.model);
        if (!f) continue;
        const list = findings.get(s.model.path) ?? [];
        list.push(f);
        findings.set(s.model.path, list);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { findings, ran: true, version, scripts: scripts.length };
}
