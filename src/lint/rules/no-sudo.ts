import type { Rule, RuleReport } from '../rule';
import { isRun, runScript } from '../instructions';

export const rule: Rule = {
  id: 'no-sudo',
  severity: 'error',
  description: 'RUN does not use sudo.',
  aliases: ['DL3004'],
  help:
    '`sudo` has unpredictable TTY and signal behaviour and is not needed: RUN already runs as the current USER. ' +
    'Switch with `USER root` for the privileged steps, or use `gosu`/`su-exec` in an entrypoint.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (!isRun(inst)) continue;
      if (runScript(inst).commands.some(c => c.name === 'sudo' || c.wrappers.includes('sudo'))) {
        out.push({ range: inst.range, message: 'do not use sudo in RUN: switch USER instead' });
      }
    }
    return out;
  }
};
