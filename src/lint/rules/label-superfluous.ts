import type { Rule, RuleReport } from '../rule';
import { allLabels } from '../labels';

export const rule: Rule = {
  id: 'label-superfluous',
  severity: 'info',
  description: 'With strict-labels, every LABEL key is one of the label-schema.',
  aliases: ['DL3050'],
  help: 'With `strict-labels: true` in .hadolint.yaml, a label that the `label-schema` does not name is reported (a typo, or a label to add to the schema).',
  check(model, ctx) {
    if (!ctx.strictLabels) return [];
    const schema = ctx.labelSchema ?? {};
    const out: RuleReport[] = [];
    for (const { inst, pair } of allLabels(model)) {
      if (!Object.prototype.hasOwnProperty.call(schema, pair.key)) out.push({ range: inst.range, message: `label ${pair.key} is not in the label-schema` });
    }
    return out;
  }
};
