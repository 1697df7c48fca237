import type { Rule, RuleReport } from '../rule';

const isUpper = (s: string): boolean => s === s.toUpperCase();
const isLower = (s: string): boolean => s === s.toLowerCase();

export const rule: Rule = {
  id: 'from-as-casing',
  severity: 'warning',
  description: "The casing of 'AS' matches the casing of 'FROM' (Docker build check FromAsCasing).",
  aliases: ['FromAsCasing'],
  help: 'Write `FROM x AS y` or `from x as y`, not a mix.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      if (s.asKeyword === undefined) continue;
      const from = s.from.text.slice(0, 4);
      if ((isUpper(from) && !isUpper(s.asKeyword)) || (isLower(from) && !isLower(s.asKeyword))) {
        out.push({ range: s.from.range, stage: s.index, message: `'${s.asKeyword}' and '${from}' keywords' casing do not match` });
      }
    }
    return out;
  }
};
