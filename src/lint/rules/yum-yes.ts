import type { Rule } from '../rule';
import { checkRuns, cmdHasArgs, hasAnyFlag } from '../commandArgs';

export const rule: Rule = {
  id: 'yum-yes',
  severity: 'warning',
  description: 'yum install answers yes without asking (-y).',
  aliases: ['DL3030'],
  help: 'Without `-y` yum asks for confirmation and the build fails (no terminal). Use `yum install -y`.',
  check: model =>
    checkRuns(
      model,
      c => cmdHasArgs(c, 'yum', ['install', 'groupinstall', 'localinstall']) && !hasAnyFlag(c, ['y', 'assumeyes']),
      () => 'yum install without -y: the build cannot answer the prompt'
    )
};
