/** The stage graph's questions every step asks: which stage ships, which stages it is built FROM. */
import type { DockerfileModel, Instruction, Stage } from './model';

/** The stage `docker build` ships without `--target`: the last one. */
export function finalStageOf(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** The stage, then the stage it is built FROM, and so on (stages only, not images). */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [stage];
  const seen = new Set([stage.index]);
  let s: Stage | undefined = stage;
  while (s && s.baseStage !== undefined && !seen.has(s.baseStage)) {
    seen.add(s.baseStage);
    s = model.stages[s.baseStage];
    if (s) out.push(s);
  }
  return out;
}

/** Instructions that shape the stage's image, inherited ones first: those of the stages it is built FROM, then its own. */
export function effectiveInstructions(model: DockerfileModel, stage: Stage): Instruction[] {
  return stageChain(model, stage)
    .reverse()
    .flatMap(s => s.instructions);
}

/** Indexes of the stages whose layers end up in the shipped image: the final stage and the stages it is built FROM. */
export function shippedStages(model: DockerfileModel): Set<number> {
  const final = finalStageOf(model);
  return new Set(final ? stageChain(model, final).map(s => s.index) : []);
}


/** The stage a build `--target` names (by name, case-insensitive, or by index); undefined when none does. */
export function stageByTarget(model: DockerfileModel, target: string): Stage | undefined {
  const lower = target.toLowerCase();
  return model.stages.find(s => s.name?.toLowerCase() === lower) ?? (/^\d+$/.test(target) ? model.stages[Number(target)] : undefined);
}

/** The instruction whose lines hold `line`, by binary search (instructions are in file order, never overlapping). */
export function instructionAt(model: DockerfileModel, line: number): number {
  let lo = 0;
  let hi = model.instructions.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = model.instructions[mid].range;
    if (line < r.line) hi = mid - 1;
    else if (line > r.endLine) lo = mid + 1;
    else return mid;
  }
  return -1;
}
