/**
 * How hadolint reads a command's words, for the rules that port its checks: flags are the letters of `-abc` and the
 * names of `--name[=value]`; an argument is a word that is not a flag; a flag's value is the word after it (unless
 * written `--name=value`). Pure: commands in, words out.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import type { ParsedScript, ShellCommand } from '../shell/parse';
import { envNames, isRun, runScript } from './instructions';

type Words = Pick<ShellCommand, 'args'>;

/** Flag names of one word: `-abc` -> a, b, c; `--name=value` -> name; anything else -> none. */
function flagsOfWord(word: string): string[] {
  if (word === '--' || word === '-' || !word.startsWith('-')) return [];
  if (word.startsWith('--')) return [word.slice(2).split('=', 1)[0]];
  return [...word.slice(1)];
}

/** Every flag name the command is given, in order (`-qy` gives q and y). */
export function flagNames(cmd: Words): string[] {
  return cmd.args.flatMap(flagsOfWord);
}

export const hasAnyFlag = (cmd: Words, names: string[]): boolean => flagNames(cmd).some(f => names.includes(f));

/** How often a flag is given (`-qq` gives q twice). */
export const countFlag = (cmd: Words, name: string): number => flagNames(cmd).filter(f => f === name).length;

/** Indexes of the words that are the values of the given flags (`-t x`: the index of `x`). */
function valueIndexes(cmd: Words, valueFlags: string[]): Set<number> {
  const out = new Set<number>();
  cmd.args.forEach((w, i) => {
    if (w.includes('=') || i + 1 >= cmd.args.length) return;
    if (flagsOfWord(w).some(f => valueFlags.includes(f))) out.add(i + 1);
  });
  return out;
}

/** The words that are neither flags nor the values of `valueFlags`, in order. */
export function argsNoFlags(cmd: Words, valueFlags: string[] = []): string[] {
  const skip = valueIndexes(cmd, valueFlags);
  return cmd.args.filter((w, i) => !skip.has(i) && (flagsOfWord(w).length === 0 || w === '-' || w === '--'));
}

/** The values given to a flag: `useradd -u 1000` -> ['1000'] for `u`. */
export function flagArgs(cmd: Words, flag: string): string[] {
  return [...valueIndexes(cmd, [flag])].map(i => cmd.args[i]);
}

/** hadolint's `cmdHasArgs`: the command is one of `names` and one of its words is one of `args`. */
export function cmdHasArgs(cmd: Pick<ShellCommand, 'name' | 'args'>, names: string | string[], args: string[]): boolean {
  // asked of every command by many rules: the name first, with no array made for a single name
  if (typeof names === 'string' ? cmd.name !== names : !names.includes(cmd.name)) return false;
  for (const a of cmd.args) if (args.includes(a)) return true;
  return false;
}

/** Index of the first command of the script that matches, or -1. */
export function commandIndex(script: ParsedScript, test: (c: ShellCommand) => boolean): number {
  return script.commands.findIndex(test);
}

/** Whether `done` runs after the first `start` in the script (hadolint: install index < clean index). */
export function cleanedAfter(script: ParsedScript, start: (c: ShellCommand) => boolean, done: (c: ShellCommand) => boolean): boolean {
  const s = commandIndex(script, start);
  const d = commandIndex(script, done);
  return s >= 0 && d >= 0 && s < d;
}

/** A cache or tmpfs mount whose target contains `fragment` (hadolint's `hasCacheOrTmpfsMountWith`). */
export function cacheMountWith(mounts: string[], fragment: string): boolean {
  return mounts.some(m => {
    const parts = m.split(',').map(p => p.trim());
    const type = parts.find(p => p.startsWith('type='))?.slice(5);
    const target = parts.find(p => /^(target|dst|destination)=/.test(p))?.replace(/^[a-z]+=/, '');
    return (type === 'cache' || type === 'tmpfs') && target !== undefined && target.includes(fragment);
  });
}

type Run = { stage: Stage; inst: Instruction; script: ParsedScript };
const runsCache = new WeakMap<DockerfileModel, Run[]>();

/** Every RUN (and `ONBUILD RUN`) of the file with its stage and parsed script, in order (listed once per model). */
export function allRuns(model: DockerfileModel): Run[] {
  let runs = runsCache.get(model);
  if (!runs) {
    runs = model.stages.flatMap(stage => stage.instructions.filter(isRun).map(inst => ({ stage, inst, script: runScript(inst) })));
    runsCache.set(model, runs);
  }
  return runs;
}

/**
 * A simple per-RUN check, as most of hadolint's shell rules are: one finding per RUN where `bad` finds a command
 * (the first one), with `message`.
 */
export function checkRuns(model: DockerfileModel, bad: (c: ShellCommand, script: ParsedScript) => boolean, message: (c: ShellCommand) => string) {
  const out: { range: Instruction['range']; stage: number; message: string }[] = [];
  for (const { stage, inst, script } of allRuns(model)) {
    const c = script.commands.find(x => bad(x, script));
    if (c) out.push({ range: inst.range, stage: stage.index, message: message(c) });
  }
  return out;
}

/** The ARG and ENV names declared so far in the stage (and the global ARGs), for `${VAR}` in package versions. */
export function declaredBefore(model: DockerfileModel, stage: Stage, inst?: Instruction): Set<string> {
  const names = new Set(Object.keys(model.globalArgs));
  for (const i of stage.instructions) {
    if (i === inst) break;
    for (const n of envNames(i)) names.add(n);
  }
  return names;
}

/** Whether a word refers to one of `names` as `${NAME}` or `$NAME`. */
export function refersTo(word: string, names: Set<string>): boolean {
  for (const m of word.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) if (names.has(m[1])) return true;
  return false;
}
