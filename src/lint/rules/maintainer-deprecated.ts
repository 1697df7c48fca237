import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'maintainer-deprecated',
  severity: 'error',
  description: 'MAINTAINER is not used (it is deprecated).',
  aliases: ['DL4000', 'MaintainerDeprecated'],
  help: 'MAINTAINER is deprecated. Use a label: `LABEL org.opencontainers.image.authors="name <mail>"`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword === 'MAINTAINER') out.push({ range: inst.range, message: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=...' });
    }
    return out;
  }
};
