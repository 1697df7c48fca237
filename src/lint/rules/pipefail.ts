import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { basename, hasFlag, parseShell, shellCScript, type ParsedScript } from '../../shell/parse';
import { runScript } from '../instructions';

/** Where SHELL leaves a stage: a POSIX shell with or without pipefail, or a non-POSIX shell the rule does not apply to. */
type ShellState = 'default' | 'pipefail' | 'non-posix';

const PIPEFAIL_SHELLS = new Set(['bash', 'zsh', 'ash', 'ksh', 'mksh']);
const HEREDOC_SHELLS = new Set([...PIPEFAIL_SHELLS, 'sh', 'dash']);
const NON_POSIX = /^(pwsh|powershell|cmd)(\.exe)?$/i;
const WINDOWS_BASE = /(^|\/)(windows|nanoserver|servercore)/i;

/** The state a `SHELL [...]` instruction sets. */
export function shellState(argv: string[]): ShellState {
  const prog = basename((argv[0] ?? '').replace(/\\/g, '/'));
  if (NON_POSIX.test(prog)) return 'non-posix';
  const cmd = { args: argv.slice(1) };
  return PIPEFAIL_SHELLS.has(prog) && hasFlag(cmd, ['o']) && argv.includes('pipefail') ? 'pipefail' : 'default';
}

/** Whether a script pipes at its top level before any `set -o pipefail` of its own. */
function pipesFirst(script: ParsedScript): boolean {
  if (!script.hasPipe) return false;
  for (const c of script.commands) {
    if (c.nested) continue;
    if (c.name === 'set' && hasFlag(c, ['o']) && c.args.includes('pipefail')) return false;
    if (c.nextOp === '|') return true;
  }
  return false;
}

/** Whether a RUN pipes at its top level before any `set -o pipefail` of its own. */
export function unprotectedPipe(inst: Instruction): boolean {
  return pipesFirst(runScript(inst));
}

/**
 * Whether a here-document fed to a shell (`bash <<EOF`) pipes without pipefail. That shell is a new process: the
 * pipefail of a SHELL instruction does not reach it, only `bash -o pipefail <<EOF` or `set -o pipefail` in the body.
 */
export function unprotectedHeredocPipe(inst: Instruction): boolean {
  const run = inst.keyword === 'RUN' ? inst : undefined;
  if (!run || run.heredocs.length === 0 || run.jsonForm) return false;
  for (const c of runScript(inst).commands) {
    if (c.nested || c.heredocs.length === 0 || !HEREDOC_SHELLS.has(c.name)) continue;
    if (shellCScript(c) !== undefined || (hasFlag(c, ['o']) && c.args.includes('pipefail'))) continue;
    for (const name of c.heredocs) {
      const body = run.heredocs.find(h => h.name === name)?.content;
      if (body !== undefined && pipesFirst(parseShell(body))) return true;
    }
  }
  return false;
}

export const rule: Rule = {
  id: 'pipefail',
  severity: 'warning',
  description: 'A RUN with a pipe runs with pipefail set.',
  aliases: ['DL4006'],
  help:
    'In `/bin/sh -c "curl ... | tar x"` only the last command\'s status counts: a failed download still passes the ' +
    'build. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN (or `set -o pipefail &&` at its start). ' +
    'As in hadolint, a SHELL of bash/zsh/ash with `-o pipefail` silences it and PowerShell/cmd are ignored; unlike ' +
    'hadolint, a SHELL set in the stage this one is built FROM is inherited (as BuildKit does), `set -o pipefail` ' +
    'inside the RUN counts, Windows base images are skipped, and pipes inside nested scripts (`$(...)`, `sh -c`) ' +
    'are not reported. A here-document run by a shell (`RUN bash <<EOF`) is a script of its own: a pipe in it is ' +
    'reported unless the body sets `set -o pipefail` or the shell is started with `-o pipefail` (the SHELL\'s ' +
    'pipefail does not reach that new shell); `ONBUILD RUN` is not checked, as in hadolint.',
  check(model) {
    const out: RuleReport[] = [];
    const endState = new Map<number, ShellState>();
    for (const stage of model.stages) {
      let state: ShellState = stage.baseStage !== undefined ? endState.get(stage.baseStage) ?? 'default' : 'default';
      if (stage.baseStage === undefined && WINDOWS_BASE.test(stage.base.repository)) state = 'non-posix';
      for (const inst of stage.instructions) {
        if (inst.keyword === 'SHELL') state = shellState(inst.argv);
        else if (inst.keyword === 'RUN' && state === 'default' && !inst.jsonForm && unprotectedPipe(inst)) {
          out.push({ range: inst.range, stage: stage.index, message: 'RUN with a pipe without pipefail: a failing command before | does not fail the build (SHELL ["/bin/bash", "-o", "pipefail", "-c"])' });
        } else if (inst.keyword === 'RUN' && state !== 'non-posix' && unprotectedHeredocPipe(inst)) {
          out.push({ range: inst.range, stage: stage.index, message: 'a here-document run by a shell pipes without pipefail: start it with `set -o pipefail` or run `bash -o pipefail <<EOF`' });
        }
      }
      endState.set(stage.index, state);
    }
    return out;
  }
};


