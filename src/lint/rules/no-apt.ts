import type { Rule } from '../rule';
import { checkRuns } from '../commandArgs';

export const rule: Rule = {
  id: 'no-apt',
  severity: 'warning',
  description: 'RUN uses apt-get or apt-cache, not apt (meant for people at a terminal).',
  aliases: ['DL3027'],
  help: '`apt` has no stable command-line interface and warns so in scripts; use `apt-get` and `apt-cache`, which keep their options and output stable.',
  check: model => checkRuns(model, c => c.name === 'apt', () => 'do not use apt in a RUN: use apt-get or apt-cache')
};
