import type { Rule, RuleReport } from '../rule';
import { allRuns, cacheMountWith, cleanedAfter, cmdHasArgs } from '../commandArgs';
import { mountsOf } from '../instructions';

export const rule: Rule = {
  id: 'zypper-clean',
  severity: 'warning',
  description: 'A RUN that runs zypper install also runs zypper clean after it.',
  aliases: ['DL3036'],
  help: 'zypper keeps its package cache in /var/cache/zypp. End the RUN with `&& zypper clean` (or mount a cache at /var/cache/zypp).',
  check(model) {
    const out: RuleReport[] = [];
    for (const { stage, inst, script } of allRuns(model)) {
      const install = (c: Parameters<typeof cmdHasArgs>[0]): boolean => cmdHasArgs(c, 'zypper', ['install', 'in']);
      if (!script.commands.some(install) || cacheMountWith(mountsOf(inst), '/var/cache/zypp')) continue;
      if (cleanedAfter(script, install, c => cmdHasArgs(c, 'zypper', ['clean', 'cc']))) continue;
      out.push({ range: inst.range, stage: stage.index, message: 'zypper install without zypper clean after it: the package cache stays in the layer' });
    }
    return out;
  }
};
