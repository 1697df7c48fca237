import type { Rule, RuleReport } from '../rule';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export const rule: Rule = {
  id: 'onbuild-trigger-forbidden',
  severity: 'error',
  description: 'ONBUILD does not trigger ONBUILD, FROM or MAINTAINER.',
  aliases: ['DL3043'],
  help: 'The Dockerfile reference forbids `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`: the image that inherits the trigger fails to build.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword === 'ONBUILD' && inst.trigger && FORBIDDEN.has(inst.trigger.keyword)) {
        out.push({ range: inst.range, message: `ONBUILD ${inst.trigger.keyword} is not allowed` });
      }
    }
    return out;
  }
};
