import type { Rule, RuleReport } from '../rule';
import { allLabels } from '../labels';

export const rule: Rule = {
  id: 'label-not-empty',
  severity: 'warning',
  description: 'Labels of the label-schema are not empty.',
  aliases: ['DL3051'],
  help: 'A label the `label-schema` of .hadolint.yaml names must have a value: `LABEL version=""` is reported.',
  check(model, ctx) {
    const schema = ctx.labelSchema ?? {};
    const out: RuleReport[] = [];
    if (Object.keys(schema).length === 0) return out;
    for (const { inst, pair } of allLabels(model)) {
      if (Object.prototype.hasOwnProperty.call(schema, pair.key) && pair.value === '') out.push({ range: inst.range, message: `label ${pair.key} is empty` });
    }
    return out;
  }
};
