import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'expose-proto-casing',
  severity: 'warning',
  description: 'The protocol in EXPOSE (`/tcp`, `/udp`) is lowercase.',
  aliases: ['ExposeProtoCasing'],
  help: 'Write `EXPOSE 80/tcp`, not `80/TCP`: the protocol is matched in lowercase.',
  check(model) {
    const out: RuleReport[] = [];
    for (const i of model.instructions) {
      if (i.keyword !== 'EXPOSE') continue;
      for (const port of i.argv) {
        const slash = port.lastIndexOf('/');
        if (slash < 0) continue;
        const proto = port.slice(slash + 1);
        if (proto !== proto.toLowerCase()) out.push({ range: i.range, message: `Defined protocol '${port}' in EXPOSE instruction should be lowercase` });
      }
    }
    return out;
  }
};
