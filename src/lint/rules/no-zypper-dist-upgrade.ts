import type { Rule } from '../rule';
import { checkRuns, cmdHasArgs } from '../commandArgs';

export const rule: Rule = {
  id: 'no-zypper-dist-upgrade',
  severity: 'warning',
  description: 'RUN does not run zypper dist-upgrade.',
  aliases: ['DL3035'],
  help: '`zypper dist-upgrade` moves the whole image to another distribution release; change the base image instead, so the upgrade is reviewed and cached.',
  check: model => checkRuns(model, c => cmdHasArgs(c, 'zypper', ['dist-upgrade', 'dup']), () => 'do not use zypper dist-upgrade: change the base image instead')
};
