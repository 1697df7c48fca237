import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'instruction-order',
  severity: 'error',
  description: 'The Dockerfile begins with FROM (only ARG and comments may come before it).',
  aliases: ['DL3061'],
  help: 'Docker refuses any instruction but ARG before the first FROM. Move it after FROM.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword === 'FROM') break;
      if (inst.keyword !== 'ARG') out.push({ range: inst.range, stage: null, message: `${inst.keyword} before the first FROM: a Dockerfile must begin with FROM, ARG or a comment` });
    }
    return out;
  }
};
