import type { Rule, RuleReport } from '../rule';
import { allRuns } from '../commandArgs';

export const rule: Rule = {
  id: 'curl-or-wget',
  severity: 'warning',
  description: 'A stage uses either wget or curl, not both.',
  aliases: ['DL4001'],
  help: 'Two download tools in one image is one more package to install, update and scan. Pick one of them (per stage).',
  check(model) {
    const out: RuleReport[] = [];
    const seen = new Map<number, Set<string>>();
    for (const { stage, inst, script } of allRuns(model)) {
      const used = new Set(script.commands.map(c => c.name).filter(n => n === 'curl' || n === 'wget'));
      if (used.size === 0) continue;
      const all = seen.get(stage.index) ?? new Set<string>();
      for (const u of used) all.add(u);
      seen.set(stage.index, all);
      if (all.size >= 2) out.push({ range: inst.range, stage: stage.index, message: 'this stage uses both wget and curl: use one of them' });
    }
    return out;
  }
};
