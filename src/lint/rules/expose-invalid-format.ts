import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'expose-invalid-format',
  severity: 'warning',
  description: 'EXPOSE names container ports only: no IP address and no host-port mapping.',
  aliases: ['ExposeInvalidFormat'],
  help: '`EXPOSE 127.0.0.1:80:80` or `EXPOSE 5000:5000` publishes nothing: the host side is chosen by `docker run -p`. Docker has said this will become an error.',
  check(model) {
    const out: RuleReport[] = [];
    for (const i of model.instructions) {
      if (i.keyword !== 'EXPOSE') continue;
      for (const port of i.argv) {
        if (port.includes('$')) continue;
        if (port.includes(':')) out.push({ range: i.range, message: `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'` });
      }
    }
    return out;
  }
};
