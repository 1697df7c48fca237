import type { Rule, RuleReport } from '../rule';
import { isVariable } from '../../shell/parse';

/** Why an EXPOSE word is not a valid port (`80`, `80/tcp`, `8000-8010/udp`), or undefined when it is valid. */
export function invalidPort(word: string): string | undefined {
  if (isVariable(word)) return undefined;
  const m = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(word);
  if (!m) return `${word} is not a port (expected <port>[-<port>][/tcp|/udp|/sctp])`;
  const low = Number(m[1]);
  const high = m[2] === undefined ? low : Number(m[2]);
  if (low > 65535 || high > 65535) return `${word} is out of range: valid ports are 0 to 65535`;
  if (high < low) return `${word} is an empty range`;
  return undefined;
}

export const rule: Rule = {
  id: 'valid-expose-port',
  severity: 'error',
  description: 'EXPOSE names valid ports (0-65535).',
  aliases: ['DL3011'],
  help:
    'Valid ports range from 0 to 65535; EXPOSE takes `<port>`, `<port>/<protocol>` or a range `8000-8010/tcp`. ' +
    'Ports given by a variable (`EXPOSE $PORT`) are not checked.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'EXPOSE') continue;
      for (const word of inst.argv) {
        const why = invalidPort(word);
        if (why) out.push({ range: inst.range, message: `EXPOSE ${why}` });
      }
    }
    return out;
  }
};
