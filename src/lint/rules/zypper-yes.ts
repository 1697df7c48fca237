import type { Rule } from '../rule';
import { checkRuns, cmdHasArgs, hasAnyFlag } from '../commandArgs';

export const rule: Rule = {
  id: 'zypper-yes',
  severity: 'warning',
  description: 'zypper install, remove and patch run non-interactively (-n / -y).',
  aliases: ['DL3034'],
  help: 'Without `--non-interactive` (`-n`) or `-y` zypper asks for confirmation and the build fails (no terminal). Use `zypper --non-interactive install ...`.',
  check: model =>
    checkRuns(
      model,
      c =>
        cmdHasArgs(c, 'zypper', ['install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch']) &&
        !hasAnyFlag(c, ['non-interactive', 'n', 'no-confirm', 'y']),
      () => 'zypper without --non-interactive or -y: the build cannot answer the prompt'
    )
};
