import type { Rule, RuleReport } from '../rule';
import { commandsOf } from '../instructions';
import { finalStageOf } from '../../dockerfile/stages';
import { isBuildPackage, osPackageInstall, packageName } from '../packages';

const REMOVERS = new Set(['remove', 'purge', 'autoremove', 'erase', 'del']);

export const rule: Rule = {
  id: 'build-tools-in-final-stage',
  severity: 'warning',
  description: 'The final stage installs compilers or -dev packages and keeps them.',
  aliases: [],
  help: 'Compilers and headers in the shipped image add size and attack surface. Install them in a build stage, or remove them in the same RUN (`apk add --virtual .build-deps ... && apk del .build-deps`).',
  check(model) {
    const final = finalStageOf(model);
    if (!final) return [];
    const out: RuleReport[] = [];
    const kept: { pkgs: string[]; virtual?: string; inst: (typeof final.instructions)[number] }[] = [];
    const removed = new Set<string>();
    for (const inst of final.instructions) {
      const cmds = commandsOf(inst);
      for (const c of cmds) {
        const install = osPackageInstall(c);
        if (install) {
          const pkgs = install.packages.filter(isBuildPackage).map(packageName);
          if (pkgs.length) kept.push({ pkgs, virtual: install.virtual, inst });
          continue;
        }
        // a parsed command's name is the basename of its first word
        const n = c.name;
        if (n !== 'apt-get' && n !== 'apt' && n !== 'apk' && n !== 'yum' && n !== 'dnf') continue;
        const sub = c.words.findIndex((x, i) => i > 0 && !x.startsWith('-'));
        if (sub > 0 && REMOVERS.has(c.words[sub])) {
          for (const w of c.words.slice(sub + 1)) if (!w.startsWith('-')) removed.add(packageName(w));
          // `apt-get purge --auto-remove` of some packages usually takes the toolchain with it in docker-library images
          if (c.words[sub] === 'autoremove' || c.words.includes('--auto-remove')) removed.add('*auto');
        }
      }
    }
    for (const k of kept) {
      if (k.virtual && removed.has(k.virtual.toLowerCase())) continue;
      const left = k.pkgs.filter(p => !removed.has(p) && !removed.has('*auto'));
      if (left.length === 0) continue;
      out.push({ range: k.inst.range, message: `build tools stay in the final image: ${left.join(', ')} (install them in a build stage or remove them in the same RUN)` });
    }
    return out;
  }
};
