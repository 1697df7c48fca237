import type { Rule } from '../rule';
import { argsNoFlags, checkRuns, cmdHasArgs } from '../commandArgs';

const pinned = (pkg: string): boolean => /[=<>]/.test(pkg) || pkg.endsWith('.rpm');

export const rule: Rule = {
  id: 'zypper-pin-versions',
  severity: 'warning',
  description: 'zypper install pins package versions (pkg=version).',
  aliases: ['DL3037'],
  help: 'Unpinned `zypper install -y httpd` installs whatever the repository has at build time. Pin with `httpd=2.4.57` (or `>=`, `<`), or install a local `.rpm`.',
  check: model =>
    checkRuns(
      model,
      c => cmdHasArgs(c, 'zypper', ['install', 'in']) && argsNoFlags(c).some(p => p !== 'install' && p !== 'in' && !pinned(p)),
      () => 'pin versions in zypper install: use <package>=<version>'
    )
};
