/**
 * What the rules read off instructions: the parsed script of a RUN (parsed once per instruction), the words of a
 * COPY/ADD, the names and values an ENV/ARG sets, and the RUNs of the shipped stages.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { shippedStages, stageChain } from '../dockerfile/stages';
import { parseRun, type ParsedScript, type ShellCommand } from '../shell/parse';

const SCRIPT = Symbol('stageguard.script');
const NO_SCRIPT: ParsedScript = Object.freeze({ commands: Object.freeze([]) as unknown as ShellCommand[], hasPipe: false });

/** The RUN an instruction runs: itself, or the trigger of `ONBUILD RUN` (checked like a RUN, as hadolint does). */
export function runOf(inst: Instruction): Instruction | undefined {
  if (inst.keyword === 'RUN') return inst;
  return inst.keyword === 'ONBUILD' && inst.trigger?.keyword === 'RUN' ? inst.trigger : undefined;
}

/** The `--mount` values of a RUN or `ONBUILD RUN`; [] for anything else. */
export const mountsOf = (inst: Instruction): string[] => runOf(inst)?.mounts ?? [];

/** Whether the instruction is a RUN or an `ONBUILD RUN`. */
export const isRun = (inst: Instruction): boolean => runOf(inst) !== undefined;

/** The parsed script of a RUN (or `ONBUILD RUN`) instruction (parsed once, kept on it as a non-enumerable property). */
export function runScript(inst: Instruction): ParsedScript {
  const run = runOf(inst);
  if (!run) return NO_SCRIPT;
  const held = inst as Instruction & { [SCRIPT]?: ParsedScript };
  let s = held[SCRIPT];
  if (s === undefined) {
    s = parseRun(run);
    Object.defineProperty(held, SCRIPT, { value: s, enumerable: false, writable: false });
  }
  return s;
}

/** The simple commands a RUN instruction runs (nested ones included); [] for any other instruction. */
export function commandsOf(inst: Instruction): ShellCommand[] {
  return runScript(inst).commands;
}

/**
 * The words of a COPY/ADD written on its command line (here-document bodies excluded), flags removed:
 * sources then destination.
 */
export function copyWords(inst: Instruction): string[] {
  if (inst.heredocs.length === 0 || inst.jsonForm) return inst.argv;
  const first = inst.args.split('\n', 1)[0];
  return first.split(/\s+/).filter(w => w !== '');
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '.*']);

/** A COPY/ADD of the whole build context (`COPY . .`, `COPY ./ /app`), not from another stage. */
export function copiesWholeContext(inst: Instruction): boolean {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return false;
  if (inst.flags.some(f => f.name === 'from')) return false;
  const words = copyWords(inst);
  return words.slice(0, -1).some(w => WHOLE_CONTEXT.has(w));
}

/** Names an ENV or ARG instruction declares (`ENV A=1 B=2`, legacy `ENV A 1`, `ARG A`). */
export function envNames(inst: Instruction): string[] {
  if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') return [];
  if (inst.keyword === 'ENV' && inst.argv.length > 0 && !inst.argv[0].includes('=')) return [inst.argv[0]];
  return inst.argv.map(w => w.split('=', 1)[0]).filter(n => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

/** The names the stages that `stage` is built FROM declare with ENV and ARG (its own not included). */
export function inheritedNames(model: DockerfileModel, stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const s of stageChain(model, stage).slice(1)) for (const i of s.instructions) for (const n of envNames(i)) out.add(n);
  return out;
}

/** The values an ENV or ARG sets, by name (`ENV K V` and `K=V` forms; an ARG without a default has none). */
export function envValues(inst: Instruction): Record<string, string> {
  if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') return {};
  if (inst.keyword === 'ENV' && inst.argv.length > 0 && !inst.argv[0].includes('=')) return { [inst.argv[0]]: inst.argv.slice(1).join(' ') };
  const out: Record<string, string> = {};
  for (const w of inst.argv) {
    const eq = w.indexOf('=');
    if (eq > 0) out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

/** Every RUN of the stages that ship (see `shippedStages`), with its parsed script, in order. */
export function shippedRuns(model: DockerfileModel): { stage: number; inst: Instruction; script: ParsedScript }[] {
  const shipped = shippedStages(model);
  return model.stages
    .filter(stage => shipped.has(stage.index))
    .flatMap(stage => stage.instructions.filter(isRun).map(inst => ({ stage: stage.index, inst, script: runScript(inst) })));
}
