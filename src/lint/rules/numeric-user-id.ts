import type { Rule, RuleReport } from '../rule';
import { envNames } from '../instructions';

export const rule: Rule = {
  id: 'numeric-user-id',
  severity: 'info',
  description: 'USER names the user by numeric id (or by an ARG).',
  aliases: ['DL3066'],
  help:
    'A user name is resolved inside the image, but the host (Kubernetes `runAsNonRoot`, volume permissions) sees ' +
    'only ids and cannot tell that `app` is not root. Write `USER 10001` (or `USER 10001:10001`); a value given by ' +
    'an ARG is not reported.',
  check(model) {
    const out: RuleReport[] = [];
    const args = new Set(Object.keys(model.globalArgs));
    for (const inst of model.instructions) {
      if (inst.keyword === 'ARG') for (const n of envNames(inst)) args.add(n);
      if (inst.keyword !== 'USER') continue;
      const uid = (inst.argv[0] ?? '').split(':', 1)[0];
      if (/^\d*$/.test(uid) || [...args].some(a => uid.includes(`\${${a}}`) || uid.includes(`$${a}`))) continue;
      out.push({ range: inst.range, message: `USER ${uid} is not a numeric user id: the host cannot tell whether it is root` });
    }
    return out;
  }
};
