import type { Rule } from '../rule';
import { checkRuns, cmdHasArgs, hasAnyFlag } from '../commandArgs';

export const rule: Rule = {
  id: 'dnf-yes',
  severity: 'warning',
  description: 'dnf and microdnf install answer yes without asking (-y).',
  aliases: ['DL3038'],
  help: 'Without `-y` dnf asks for confirmation and the build fails (no terminal). Use `dnf install -y` (`microdnf install -y`).',
  check: model =>
    checkRuns(
      model,
      c => cmdHasArgs(c, ['dnf', 'microdnf'], ['install', 'groupinstall', 'localinstall']) && !hasAnyFlag(c, ['y', 'assumeyes']),
      c => `${c.name} install without -y: the build cannot answer the prompt`
    )
};
