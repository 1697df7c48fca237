import type { Rule, RuleReport } from '../rule';
import { hasFlag, isVariable } from '../../shell/parse';
import { isRun, runScript } from '../instructions';
import { packageCommands } from '../packages';

const VERSION_SYMBOLS = ['==', '>=', '<=', '>', '<', '!=', '~=', '==='];
const LOCAL_PACKAGE = /\.(whl|tar\.gz|tgz|zip|tar\.bz2)$/;

/** A pip install argument that fixes what is installed, or is not a package index name at all. */
export function pipPackagePinned(pkg: string): boolean {
  if (VERSION_SYMBOLS.some(s => pkg.includes(s))) return true;
  if (isVariable(pkg)) return true;
  if (LOCAL_PACKAGE.test(pkg)) return true;
  // a local path or project (`.`, `./pkg`, `/src`, `.[dev]`) or a URL (`git+https://...@v1`, `https://.../x.whl`)
  if (pkg.startsWith('.') || pkg.startsWith('/') || pkg.startsWith('~')) return true;
  // any path that is not a URL (`foo/bar`, as hadolint reads it)
  if (pkg.includes('/') && !pkg.includes('://')) return true;
  // a VCS URL is pinned by `@ref` (as in hadolint); any other URL names one file
  if (/^[a-z]+\+[a-z]+:\/\//i.test(pkg)) return pkg.slice(pkg.indexOf('://') + 3).includes('@');
  return /^[a-z]+:\/\//i.test(pkg);
}

export const rule: Rule = {
  id: 'pip-pin-versions',
  severity: 'info',
  description: 'pip install pins package versions (pkg==version) or installs from a requirements file.',
  aliases: ['DL3013'],
  help:
    'Unpinned pip packages make rebuilds install whatever PyPI has that day. Use `pip install pkg==1.2.3` or ' +
    '`pip install -r requirements.txt` with pinned requirements. Not reported (as in hadolint): `-r`/`--requirement`, ' +
    '`-c`/`--constraint`, `.`, local `.whl`/`.tar.gz` files, `git+https://...@ref`. Also not reported, unlike ' +
    'hadolint: local paths and extras (`./pkg`, `.[dev]`), `$VARIABLES`, and upgrading pip itself ' +
    '(`pip install -U pip setuptools wheel`), the usual bootstrap step.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (!isRun(inst)) continue;
      const unpinned: string[] = [];
      const script = runScript(inst);
      // pipx installs applications from PyPI just as unpinned (hadolint counts it as a pip install)
      const pipx = script.commands
        .filter(c => c.name === 'pipx' && c.args.find(a => !a.startsWith('-')) === 'install')
        .map(c => ({ command: c, packages: c.args.filter(a => !a.startsWith('-')).slice(1) }));
      for (const p of [...packageCommands(script, 'pip', ['install']), ...pipx]) {
        const c = p.command;
        if (hasFlag(c, ['r', 'c'], ['requirement', 'constraint'])) continue;
        const upgrade = hasFlag(c, ['U'], ['upgrade']);
        for (const pkg of p.packages) {
          if (pipPackagePinned(pkg)) continue;
          if (upgrade && /^(pip|setuptools|wheel)$/i.test(pkg)) continue;
          unpinned.push(pkg);
        }
      }
      if (unpinned.length > 0) out.push({ range: inst.range, message: `pin versions in pip install: ${unpinned.join(', ')} (use <package>==<version> or -r requirements.txt)` });
    }
    return out;
  }
};
