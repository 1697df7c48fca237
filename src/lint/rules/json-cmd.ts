import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'json-cmd',
  severity: 'warning',
  description: 'CMD and ENTRYPOINT use the JSON (exec) form.',
  aliases: ['DL3025'],
  help:
    'In shell form the process runs under `/bin/sh -c`, which does not forward signals: `docker stop` waits and ' +
    'kills it. Use `CMD ["app", "--flag"]`. A malformed JSON array (single quotes, trailing comma) is shell form too.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if ((inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') || inst.jsonForm || inst.args.trim() === '') continue;
      out.push({ range: inst.range, message: `${inst.keyword} uses the shell form: use the JSON form ${inst.keyword} ["executable", "arg"]` });
    }
    return out;
  }
};
