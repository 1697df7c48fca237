import type { Rule, RuleReport } from '../rule';
import { labelPairs, labelledStages } from '../labels';
import { effectiveInstructions } from '../../dockerfile/stages';

export const rule: Rule = {
  id: 'label-required',
  severity: 'info',
  description: 'The shipped image carries every label of the configured label-schema.',
  aliases: ['DL3049'],
  help:
    'With a `label-schema` in .hadolint.yaml, each label it names must be set. Unlike hadolint, which asks every ' +
    'stage for the labels, stageguard asks the images that are shipped: the final stage and the configured ' +
    '`targets`, counting labels set in the stages they are built FROM (a builder stage only feeds `COPY --from`).',
  check(model, ctx) {
    const schema = Object.keys(ctx.labelSchema ?? {});
    if (schema.length === 0) return [];
    const out: RuleReport[] = [];
    for (const index of labelledStages(model, ctx)) {
      const stage = model.stages[index];
      const set = new Set(effectiveInstructions(model, stage).flatMap(i => labelPairs(i).map(p => p.key)));
      for (const label of schema) if (!set.has(label)) out.push({ range: stage.from.range, stage: index, message: `label ${label} is missing` });
    }
    return out;
  }
};
