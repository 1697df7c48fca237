import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { runScript } from '../instructions';

const flagKey = (inst: Instruction): string => inst.flags.map(f => `${f.name}=${f.value ?? ''}`).join('\u0000');
const commandCount = (inst: Instruction): number => runScript(inst).commands.filter(c => !c.nested).length;

export const rule: Rule = {
  id: 'consecutive-run',
  severity: 'info',
  description: 'Consecutive RUN instructions that could be one layer.',
  aliases: ['DL3059'],
  help:
    'Each RUN makes a layer; short consecutive RUNs can be joined with `&&`. As in hadolint, RUNs with different ' +
    'flags (`--mount`, `--network`) are not reported, nor pairs where either RUN already chains ' +
    'commands (`a && b`, `a; b`: the split is then deliberate, often for caching).',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      let prev: Instruction | undefined;
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'RUN') {
          prev = undefined;
          continue;
        }
        if (prev && flagKey(prev) === flagKey(inst) && commandCount(prev) <= 1 && commandCount(inst) <= 1) {
          out.push({ range: inst.range, stage: stage.index, message: `RUN directly after the RUN on line ${prev.range.line}: consider joining them into one layer` });
        }
        prev = inst;
      }
    }
    return out;
  }
};
