import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'multiple-cmd',
  severity: 'warning',
  description: 'A stage has at most one CMD.',
  aliases: ['DL4003'],
  help: 'Only the last CMD of a stage takes effect; the earlier ones are dead code. Keep one CMD per stage.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const cmds = stage.instructions.filter(i => i.keyword === 'CMD');
      for (const extra of cmds.slice(1)) {
        out.push({ range: extra.range, stage: stage.index, message: `multiple CMD in this stage (first on line ${cmds[0].range.line}): only the last one takes effect` });
      }
    }
    return out;
  }
};
