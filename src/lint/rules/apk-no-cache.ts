import type { Rule, RuleReport } from '../rule';
import { hasFlag } from '../../shell/parse';
import { isRun, mountsOf, runScript } from '../instructions';
import { mountCovers, packageCommands } from '../packages';

export const rule: Rule = {
  id: 'apk-no-cache',
  severity: 'info',
  description: 'apk add uses --no-cache.',
  aliases: ['DL3019'],
  help:
    '`apk add --no-cache` fetches the index on the fly and keeps nothing in /var/cache/apk, so neither ' +
    '`apk update` nor `rm -rf /var/cache/apk/*` is needed. A cache mount on /var/cache/apk or /etc/apk/cache ' +
    '(`RUN --mount=type=cache,target=/var/cache/apk`) is accepted too.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (!isRun(inst)) continue;
      if (mountCovers(mountsOf(inst), '/var/cache/apk') || mountCovers(mountsOf(inst), '/etc/apk/cache')) continue;
      const missing = packageCommands(runScript(inst), 'apk', ['add']).some(p => !hasFlag(p.command, [], ['no-cache']));
      if (missing) out.push({ range: inst.range, message: 'apk add without --no-cache: the package index stays in the image' });
    }
    return out;
  }
};
