import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'multiple-healthcheck',
  severity: 'error',
  description: 'A stage has at most one HEALTHCHECK.',
  aliases: ['DL3012'],
  help: 'Only the last HEALTHCHECK of a stage takes effect; an earlier one is dead code that misleads the reader. Keep one.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const checks = stage.instructions.filter(i => i.keyword === 'HEALTHCHECK');
      for (const extra of checks.slice(1)) out.push({ range: extra.range, stage: stage.index, message: `another HEALTHCHECK in this stage (the first is on line ${checks[0].range.line}): keep one` });
    }
    return out;
  }
};
