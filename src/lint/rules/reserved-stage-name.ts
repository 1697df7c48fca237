import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'reserved-stage-name',
  severity: 'warning',
  description: 'No stage is named scratch or context.',
  aliases: ['DL3063'],
  help: '`scratch` and `context` mean the empty image and a named build context in `FROM` and `COPY --from`; a stage with that name cannot be referred to reliably. Rename the stage.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      const n = s.name?.toLowerCase();
      if (n === 'scratch' || n === 'context') out.push({ range: s.from.range, stage: s.index, message: `stage name ${s.name} is reserved: rename the stage` });
    }
    return out;
  }
};
