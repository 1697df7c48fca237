import { baseImageOf } from '../baseImage';
import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'base-image-tag',
  severity: 'warning',
  description: 'FROM names an image with an explicit tag or digest.',
  aliases: ['DL3006'],
  help:
    'An untagged image means `:latest`, which changes without notice. Pin a tag (`python:3.12-slim`) or a digest. ' +
    '`scratch`, earlier stages and bases given by a build argument without a default are not reported; a base ' +
    'given by a global ARG is checked with the value the build passes (the `build-args` input) or else its default, ' +
    'so `FROM ${BASE}` with a pinned value is fine (hadolint reports every `FROM ${BASE}`).',
  check(model, ctx) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const b = baseImageOf(model, stage, ctx);
      if (stage.baseStage !== undefined || b.isScratch || !b.fullyResolved || b.raw === '') continue;
      if (b.tag !== undefined || b.digest !== undefined) continue;
      out.push({ range: stage.from.range, stage: stage.index, message: `FROM ${b.resolved} has no tag: pin a version (e.g. ${b.repository}:<version>)` });
    }
    return out;
  }
};
