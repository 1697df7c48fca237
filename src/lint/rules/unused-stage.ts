import { stageByTarget } from '../../dockerfile/stages';
import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'unused-stage',
  severity: 'info',
  description: 'A stage that no target needs.',
  aliases: [],
  help: 'BuildKit skips stages that the built target does not need, so such a stage is dead code. Remove it, or build it as a target (`targets` in .stageguard.yml).',
  check(model, ctx) {
    const n = model.stages.length;
    if (n < 2) return [];
    const used = new Set<number>();
    const mark = (i: number): void => {
      used.add(i);
      for (const d of model.stages[i].needs) used.add(d);
    };
    mark(n - 1);
    for (const t of ctx.targets ?? []) {
      const s = stageByTarget(model, t);
      if (s) mark(s.index);
    }
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      if (used.has(s.index)) continue;
      out.push({ range: s.from.range, stage: s.index, message: `stage ${s.name ?? `#${s.index}`} is not needed by the final stage or any configured target` });
    }
    return out;
  }
};
