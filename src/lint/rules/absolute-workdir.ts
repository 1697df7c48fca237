import type { Rule, RuleReport } from '../rule';
import { isVariable } from '../../shell/parse';

/** Unquoted WORKDIR path is absolute: `/app`, a Windows drive (`C:\app`, `C:/app`), or starts with a variable. */
export function isAbsoluteWorkdir(path: string): boolean {
  const p = path.replace(/^["']|["']$/g, '');
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || isVariable(p.slice(0, 1));
}

export const rule: Rule = {
  id: 'absolute-workdir',
  severity: 'error',
  description: 'WORKDIR uses an absolute path.',
  aliases: ['DL3000'],
  help:
    'A relative WORKDIR is resolved against the previous WORKDIR, which may come from the base image and change ' +
    'under you. Use an absolute path (`WORKDIR /app`). Paths that start with a variable (`WORKDIR $HOME/app`) and ' +
    'Windows drive paths are accepted.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'WORKDIR') continue;
      const path = inst.args.trim();
      if (path === '' || isAbsoluteWorkdir(path)) continue;
      out.push({ range: inst.range, message: `WORKDIR ${path} is relative: use an absolute path` });
    }
    return out;
  }
};
