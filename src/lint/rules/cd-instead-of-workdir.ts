import type { Rule, RuleReport } from '../rule';
import { runScript } from '../instructions';

export const rule: Rule = {
  id: 'cd-instead-of-workdir',
  severity: 'warning',
  description: 'RUN changes directory with cd instead of using WORKDIR.',
  aliases: ['DL3003'],
  help:
    'A `cd` lasts only for its RUN, which makes the following instructions easy to misread; `WORKDIR` sets the ' +
    'directory for every later instruction. Unlike hadolint, a `cd` inside a subshell (`(cd src && make)`) or a ' +
    'nested script (`$(cd ... && pwd)`, `sh -c "..."`) is not reported: it deliberately does not leak.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'RUN') continue;
      const cd = runScript(inst).commands.find(c => c.name === 'cd' && !c.subshell && !c.nested);
      if (cd) out.push({ range: inst.range, message: `RUN uses cd ${cd.args.join(' ')}: use WORKDIR to switch to a directory` });
    }
    return out;
  }
};
