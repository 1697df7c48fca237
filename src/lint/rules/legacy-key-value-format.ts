import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'legacy-key-value-format',
  severity: 'warning',
  description: 'ENV and LABEL use `key=value`, not the legacy whitespace-separated `key value`.',
  aliases: ['LegacyKeyValueFormat'],
  help: '`ENV key value` sets one variable to everything after the first space, which surprises when a second pair is added. Write `ENV key=value`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const i of model.instructions) {
      if (i.keyword !== 'ENV' && i.keyword !== 'LABEL') continue;
      const first = i.argv[0];
      if (first === undefined || first.includes('=')) continue;
      out.push({ range: i.range, message: `"${i.keyword} key=value" should be used instead of legacy "${i.keyword} key value" format` });
    }
    return out;
  }
};
