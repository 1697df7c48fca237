import type { Rule, RuleReport } from '../rule';
import { isRun, runScript } from '../instructions';
import { isVariable } from '../../shell/parse';
import { packageCommands } from '../packages';

/** A package argument that fixes what gets installed: `pkg=1.2`, `pkg/bookworm-backports`, a local `.deb`, a variable. */
export function aptPackagePinned(pkg: string): boolean {
  return pkg.includes('=') || pkg.includes('/') || pkg.endsWith('.deb') || isVariable(pkg);
}

export const rule: Rule = {
  id: 'apt-pin-versions',
  severity: 'info',
  description: 'apt-get install pins package versions (pkg=version).',
  aliases: ['DL3008'],
  help:
    'Unpinned packages make rebuilds install whatever the mirror has that day. Pin with `apt-get install ' +
    'curl=7.88.1-10+deb12u5`. Reported only for `apt-get install` (and `apt install`) with a package that has no ' +
    '`=version`; a release (`pkg/bookworm-backports`), a local `.deb` and a `$VARIABLE` (whose value may carry the ' +
    'version) count as pinned. Info by default: pinning trades reproducibility for security updates.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (!isRun(inst)) continue;
      const unpinned = packageCommands(runScript(inst), ['apt-get', 'apt'], ['install'])
        .flatMap(p => p.packages)
        .filter(p => !aptPackagePinned(p));
      if (unpinned.length > 0) out.push({ range: inst.range, message: `pin versions in apt-get install: ${unpinned.join(', ')} (use <package>=<version>)` });
    }
    return out;
  }
};
