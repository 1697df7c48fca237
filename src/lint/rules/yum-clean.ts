import type { Rule, RuleReport } from '../rule';
import { mountCovers, packageCommands, removesPath } from '../packages';
import { mountsOf, shippedRuns } from '../instructions';

export const rule: Rule = {
  id: 'yum-clean',
  severity: 'warning',
  description: 'A RUN that runs yum install also runs yum clean all.',
  aliases: ['DL3032'],
  help:
    'yum keeps metadata and packages in /var/cache/yum. End the RUN with `&& yum clean all` (or ' +
    '`rm -rf /var/cache/yum`, or mount a cache there). Unlike hadolint, only stages that end up in the shipped ' +
    'image are checked (the final stage and the stages it is built FROM): a builder stage\'s cache costs nothing.',
  check(model) {
    const out: RuleReport[] = [];
    for (const { stage, inst, script } of shippedRuns(model)) {
      if (packageCommands(script, 'yum', ['install']).length === 0) continue;
      // the clean must come after the last install (as in hadolint)
      const lastInstall = Math.max(...packageCommands(script, 'yum', ['install']).map(p => script.commands.indexOf(p.command)));
      const cleaned = packageCommands(script, 'yum', ['clean']).some(p => p.packages.includes('all') && script.commands.indexOf(p.command) > lastInstall);
      if (cleaned || removesPath(script, '/var/cache/yum') || mountCovers(mountsOf(inst), '/var/cache/yum')) continue;
      out.push({ range: inst.range, stage, message: 'yum install without yum clean all in the same RUN: the yum cache stays in the image' });
    }
    return out;
  }
};
