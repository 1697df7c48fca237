import type { Rule, RuleReport } from '../rule';
import { flagValues, hasFlag, type ShellCommand } from '../../shell/parse';
import { isRun, runScript } from '../instructions';
import { packageCommands } from '../packages';

/** How many times `-q` / `--quiet` is given (`-qq` counts two, `-q=2` / `--quiet=2` count two). */
export function quietLevel(cmd: Pick<ShellCommand, 'args'>): number {
  let n = 0;
  for (const a of cmd.args) {
    if (a === '--') break;
    if (a === '--quiet') n++;
    else if (/^(--quiet|-q)=\d+$/.test(a)) n += Number(a.split('=')[1]);
    else if (/^-[A-Za-z]+$/.test(a)) n += [...a.slice(1)].filter(ch => ch === 'q').length;
  }
  return n;
}

export const rule: Rule = {
  id: 'apt-get-yes',
  severity: 'warning',
  description: 'apt-get install answers yes without asking (-y).',
  aliases: ['DL3014'],
  help:
    'Without `-y` apt-get asks for confirmation and the build fails (no TTY). Use `apt-get install -y`. ' +
    'Accepted like hadolint: `-y`, `--yes`, `--assume-yes`, `-qq` (which implies -y; a single `-q` does not); also `-o APT::Get::Assume-Yes=true` and a ' +
    'command piped from `yes`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (!isRun(inst)) continue;
      const script = runScript(inst);
      const missing = packageCommands(script, ['apt-get', 'apt'], ['install']).find(p => {
        const c = p.command;
        // `-qq` implies -y; a single `-q` does not (as in hadolint)
        if (hasFlag(c, ['y'], ['yes', 'assume-yes']) || quietLevel(c) >= 2) return false;
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
