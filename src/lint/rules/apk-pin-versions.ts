import type { Rule } from '../rule';
import { argsNoFlags, checkRuns, cmdHasArgs } from '../commandArgs';

const pinned = (pkg: string): boolean => /[=~<>]/.test(pkg) || pkg.endsWith('.apk');

export const rule: Rule = {
  id: 'apk-pin-versions',
  severity: 'warning',
  description: 'apk add pins package versions (pkg=version).',
  aliases: ['DL3018'],
  help:
    'Unpinned `apk add curl` installs whatever the repository has at build time. Pin with `apk add curl=8.5.0-r0` ' +
    '(or `curl~8.5`), or install a local `.apk`. The value of `-t`/`--virtual` (a group name) and of ' +
    '`-X`/`--repository` are not packages.',
  check: model =>
    checkRuns(
      model,
      c => cmdHasArgs(c, 'apk', ['add']) && argsNoFlags(c, ['t', 'virtual', 'repository', 'X']).some(p => p !== 'add' && !pinned(p)),
      () => 'pin versions in apk add: use <package>=<version>'
    )
};
