import type { Rule, RuleReport } from '../rule';
import { flagValues, hasFlag } from '../../shell/parse';
import { isRun, runScript } from '../instructions';
import { packageCommands } from '../packages';

export const rule: Rule = {
  id: 'apt-no-install-recommends',
  severity: 'info',
  description: 'apt-get install uses --no-install-recommends.',
  aliases: ['DL3015'],
  help:
    'Recommended packages are installed by default and often double an image. Use `apt-get install -y ' +
    '--no-install-recommends ...` (or `-o APT::Install-Recommends=false`) and add what you really need explicitly.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (!isRun(inst)) continue;
      const missing = packageCommands(runScript(inst), ['apt-get', 'apt'], ['install']).find(
        p =>
          !hasFlag(p.command, [], ['no-install-recommends']) &&
          !flagValues(p.command, ['o'], ['option']).some(v => /^APT::Install-Recommends=(false|0|no)$/i.test(v))
      );
      if (missing) out.push({ range: inst.range, message: `${missing.manager} install without --no-install-recommends: recommended packages add size` });
    }
    return out;
  }
};
