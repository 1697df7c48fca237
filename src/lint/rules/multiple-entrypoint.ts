import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'multiple-entrypoint',
  severity: 'error',
  description: 'A stage has at most one ENTRYPOINT.',
  aliases: ['DL4004'],
  help: 'Only the last ENTRYPOINT of a stage takes effect; the earlier ones are dead code. Keep one ENTRYPOINT per stage.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const eps = stage.instructions.filter(i => i.keyword === 'ENTRYPOINT');
      for (const extra of eps.slice(1)) {
        out.push({ range: extra.range, stage: stage.index, message: `multiple ENTRYPOINT in this stage (first on line ${eps[0].range.line}): only the last one takes effect` });
      }
    }
    return out;
  }
};
