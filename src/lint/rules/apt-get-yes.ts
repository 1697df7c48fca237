import type { Rule, RuleReport } from '../rule';
import { flagValues, hasFlag } from '../../shell/parse';
import { packageCommands } from '../packages';
import { runScript } from '../instructions';

export const rule: Rule = {
  id: 'apt-get-yes',
  severity: 'warning',
  description: 'apt-get install answers yes without asking (-y).',
  aliases: ['DL3014'],
  help:
    'Without `-y` apt-get asks for confirmation and the build fails (no TTY). Use `apt-get install -y`. ' +
    'Accepted like hadolint: `-y`, `--yes`, `--assume-yes`, `-q`/`-qq`; also `-o APT::Get::Assume-Yes=true` and a ' +
    'command piped from `yes`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'RUN') continue;
      const script = runScript(inst);
      const missing = packageCommands(script, ['apt-get', 'apt'], ['install']).find(p => {
        const c = p.command;
        if (hasFlag(c, ['y', 'q'], ['yes', 'assume-yes', 'quiet'])) return false;
        if (flagValues(c, ['o'], ['option']).some(v => /^APT::Get::Assume-Yes=(true|1|yes)$/i.test(v))) return false;
        const i = script.commands.indexOf(c);
        const prev = i > 0 ? script.commands[i - 1] : undefined;
        return !(prev && prev.nextOp === '|' && prev.name === 'yes');
      });
      if (missing) out.push({ range: inst.range, message: `${missing.manager} install without -y: the build cannot answer the prompt` });
    }
    return out;
  }
};
