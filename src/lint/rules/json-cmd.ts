import type { Rule, RuleReport } from '../rule';

function parseJsonArgs(text: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(text.trim());
    return Array.isArray(v) && v.every(x => typeof x === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

export const rule: Rule = {
  id: 'json-cmd',
  severity: 'warning',
  description: 'CMD, ENTRYPOINT and HEALTHCHECK CMD use the JSON (exec) form.',
  aliases: ['DL3025'],
  help:
    'In shell form the process runs under `/bin/sh -c`, which does not forward signals: `docker stop` waits and ' +
    'kills it. Use `CMD ["app", "--flag"]`. A malformed JSON array (single quotes, trailing comma) is shell form too.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword === 'HEALTHCHECK') {
        // `HEALTHCHECK CMD <shell form>` (as in hadolint); `HEALTHCHECK NONE` has no command
        const m = /^CMD\s+(.*)$/is.exec(inst.args.trim());
        if (m && parseJsonArgs(m[1]) === undefined) out.push({ range: inst.range, message: 'HEALTHCHECK CMD uses the shell form: use HEALTHCHECK CMD ["executable", "arg"]' });
        continue;
      }
      if ((inst.keyword !== 'CMD' && inst.keyword !== 'ENTRYPOINT') || inst.jsonForm || inst.args.trim() === '') continue;
      out.push({ range: inst.range, message: `${inst.keyword} uses the shell form: use the JSON form ${inst.keyword} ["executable", "arg"]` });
    }
    return out;
  }
};
