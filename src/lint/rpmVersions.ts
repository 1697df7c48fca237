/**
 * hadolint's reading of a pinned RPM package (DL3033 yum, DL3041 dnf): `name-version[-release]`, where the part
 * after the first dash is made of version characters and starts with a digit somewhere; a `.rpm` file; or a
 * `${VAR}` declared by an ARG or ENV before it. Modules (`module install nodejs:20`) need a `:stream`.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ShellCommand } from '../shell/parse';
import { allRuns, argsNoFlags, cmdHasArgs, declaredBefore, refersTo } from './commandArgs';
import type { RuleReport } from './rule';

export function rpmPinned(pkg: string, declared: Set<string>): boolean {
  const parts = pkg.split('-');
  if (parts.length <= 1) return false;
  if (pkg.endsWith('.rpm')) return true;
  if (pkg.includes('$')) return refersTo(pkg, declared);
  const rest = parts.slice(1);
  return rest.every(p => /^[0-9A-Za-z.~^_:+]*$/.test(p)) && rest.some(p => /^\d/.test(p));
}

/** A module is pinned by a stream: `nodejs:20`. */
export const modulePinned = (mod: string): boolean => mod.includes(':');

/** One finding per RUN whose `names` install an unpinned package or module. */
export function checkRpmPins(model: DockerfileModel, names: string[], groups: string[], message: string): RuleReport[] {
  const out: RuleReport[] = [];
  for (const { stage, inst, script } of allRuns(model)) {
    if (!script.commands.some(c => names.includes(c.name))) continue;
    const declared = declaredFor(model, stage, inst);
    const bad = script.commands.some(c => {
      if (!cmdHasArgs(c, names, ['install'])) return false;
      const words = installWords(c);
      if (cmdHasArgs(c, names, ['module'])) return words.some(m => !modulePinned(m));
      if (cmdHasArgs(c, names, groups)) return false;
      return words.some(p => !rpmPinned(p, declared));
    });
    if (bad) out.push({ range: inst.range, stage: stage.index, message });
  }
  return out;
}

const installWords = (c: ShellCommand): string[] => argsNoFlags(c).filter(a => a !== 'install' && a !== 'module' && a !== 'group');

/** ARG/ENV names visible to the RUN: the stage's (and those of stages it is built FROM), and every ARG so far. */
function declaredFor(model: DockerfileModel, stage: Stage, inst: Instruction): Set<string> {
  const names = declaredBefore(model, stage, inst);
  let s: Stage | undefined = stage;
  while (s?.baseStage !== undefined) {
    s = model.stages[s.baseStage];
    for (const n of declaredBefore(model, s)) names.add(n);
  }
  return names;
}
