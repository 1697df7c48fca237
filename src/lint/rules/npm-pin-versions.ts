import type { Rule } from '../rule';
import { argsNoFlags, checkRuns } from '../commandArgs';

const GIT = ['git://', 'git+ssh://', 'git+http://', 'git+https://'];

/** An `npm install` argument that fixes what is installed: `pkg@1.2`, `@scope/pkg@1`, `git+https://...#ref`, a tarball, a folder. */
export function npmPackagePinned(pkg: string): boolean {
  if (GIT.some(p => pkg.startsWith(p))) return pkg.includes('#');
  if (/\.(tar|tar\.gz|tgz)$/.test(pkg)) return true;
  if (['/', './', '../', '~/'].some(p => pkg.startsWith(p))) return true;
  const name = pkg.startsWith('@') ? pkg.slice(pkg.indexOf('/') + 1) : pkg;
  return name.includes('@');
}

export const rule: Rule = {
  id: 'npm-pin-versions',
  severity: 'warning',
  description: 'npm install of named packages pins their versions (pkg@version).',
  aliases: ['DL3016'],
  help:
    'An unpinned `npm install express` installs whatever the registry has that day. Use `npm install express@4.21.2`, ' +
    'or install from a lock file (`npm ci`, or `npm install` without package names). Accepted as in hadolint: ' +
    '`git+https://...#<ref>`, tarballs and local folders; `--loglevel` and `--registry` values are not packages.',
  check: model =>
    checkRuns(
      model,
      c => {
        if (c.name !== 'npm') return false;
        const words = argsNoFlags(c, ['loglevel', 'registry']);
        if (words[0] !== 'install') return false;
        return words.slice(1).some(p => !npmPackagePinned(p));
      },
      () => 'pin versions in npm install: use <package>@<version>'
    )
};
