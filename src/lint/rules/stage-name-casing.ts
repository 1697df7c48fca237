import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'stage-name-casing',
  severity: 'warning',
  description: 'Stage names are lowercase (Docker build check StageNameCasing).',
  aliases: ['StageNameCasing'],
  help: 'Stage names are case-insensitive for BuildKit; write them in lowercase so `--target` and `COPY --from` references match as written.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      if (s.name !== undefined && s.name !== s.name.toLowerCase()) {
        out.push({ range: s.from.range, stage: s.index, message: `stage name '${s.name}' should be lowercase` });
      }
    }
    return out;
  }
};
