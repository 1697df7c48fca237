import type { Rule } from '../rule';
import { checkRuns } from '../commandArgs';

const POINTLESS = new Set(['free', 'kill', 'mount', 'ps', 'service', 'shutdown', 'ssh', 'top', 'vim']);

export const rule: Rule = {
  id: 'pointless-command',
  severity: 'info',
  description: 'RUN does not call interactive or system commands that make no sense while building an image (ssh, vim, top, service...).',
  aliases: ['DL3001'],
  help:
    'A build runs each RUN once, without a terminal and without the services of a running system: `ssh`, `vim`, ' +
    '`shutdown`, `service`, `ps`, `free`, `top`, `kill`, `mount` do nothing useful there (installing them with a ' +
    'package manager is fine).',
  check: model => checkRuns(model, c => POINTLESS.has(c.name), c => `${c.name} makes no sense in a RUN: the build has no terminal and no running services`)
};
