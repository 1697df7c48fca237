import type { Rule } from '../rule';
import { effectiveInstructions, finalStageOf } from '../../dockerfile/stages';

const ROOT_USER = /^(root|0)(:.*)?$/;

export const rule: Rule = {
  id: 'non-root-user',
  severity: 'warning',
  description: "The final stage's last USER is set and is not root.",
  aliases: ['DL3002'],
  scorecard: true,
  help: 'Containers run as root unless the image sets a USER. Create an unprivileged user and switch to it last: `USER app` or `USER 10001`.',
  check(model) {
    const final = finalStageOf(model);
    if (!final) return [];
    const users = effectiveInstructions(model, final).filter(i => i.keyword === 'USER');
    const last = users[users.length - 1];
    if (!last) {
      // distroless `:nonroot` images set a non-root user themselves
      if (/nonroot/.test(final.base.tag ?? '')) return [];
      return [{ range: final.from.range, aliases: [], message: 'the final stage sets no USER, so the container runs as root' }];
    }
    const user = (last.argv[0] ?? '').trim();
    if (ROOT_USER.test(user)) return [{ range: last.range, aliases: ['DL3002'], message: `the last USER is ${user}: switch to a non-root user` }];
    return [];
  }
};
