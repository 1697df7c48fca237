import type { Rule, RuleReport } from '../rule';
import { allRuns, cacheMountWith, cleanedAfter, cmdHasArgs } from '../commandArgs';
import { mountsOf } from '../instructions';
import type { ShellCommand } from '../../shell/parse';

const INSTALLS = ['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'];

export const rule: Rule = {
  id: 'dnf-clean',
  severity: 'warning',
  description: 'A RUN that installs with dnf or microdnf also runs dnf clean all after it.',
  aliases: ['DL3040'],
  help:
    'dnf keeps metadata and packages in /var/cache/dnf (libdnf5). End the RUN with `&& dnf clean all` ' +
    '(`microdnf clean all`), `rm -rf /var/cache/libdnf5*`, or mount a cache there.',
  check(model) {
    const out: RuleReport[] = [];
    for (const { stage, inst, script } of allRuns(model)) {
      const mounts = mountsOf(inst);
      if (cacheMountWith(mounts, '/var/cache/libdnf5') || cacheMountWith(mounts, '.cache/libdnf5')) continue;
      const missing = ['dnf', 'microdnf'].find(name => {
        const install = (c: ShellCommand): boolean => cmdHasArgs(c, name, INSTALLS);
        const clean = (c: ShellCommand): boolean => cmdHasArgs(c, name, ['clean', 'all']) || cmdHasArgs(c, 'rm', ['-rf', '/var/cache/libdnf5*']);
        return script.commands.some(install) && !cleanedAfter(script, install, clean);
      });
      if (missing) out.push({ range: inst.range, stage: stage.index, message: `${missing} install without ${missing} clean all after it: the package cache stays in the layer` });
    }
    return out;
  }
};
