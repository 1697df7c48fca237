import { baseImageOf } from '../baseImage';
import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'no-latest-tag',
  severity: 'warning',
  description: 'FROM does not use the :latest tag.',
  aliases: ['DL3007'],
  help:
    '`:latest` moves with every release, so builds are not reproducible and a rebuild can break. Pin a version ' +
    'tag. An image pinned by digest (`image:latest@sha256:...`) is accepted.',
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const b = baseImageOf(model, stage, ctx);
      if (stage.baseStage !== undefined || b.digest !== undefined || b.tag?.toLowerCase() !== 'latest') continue;
      out.push({ range: stage.from.range, stage: stage.index, message: `FROM ${b.resolved} uses the latest tag: pin a version` });
    }
    return out;
  }
};
