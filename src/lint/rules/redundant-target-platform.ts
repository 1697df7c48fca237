import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'redundant-target-platform',
  severity: 'warning',
  description: 'FROM does not set --platform=$TARGETPLATFORM, which is the default.',
  aliases: ['DL3065'],
  help: 'A stage is built for the target platform anyway; `FROM --platform=$TARGETPLATFORM` only adds noise. Leave the flag out.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      if (s.platform === '$TARGETPLATFORM' || s.platform === '${TARGETPLATFORM}') out.push({ range: s.from.range, stage: s.index, message: 'FROM --platform=$TARGETPLATFORM is the default: leave it out' });
    }
    return out;
  }
};
