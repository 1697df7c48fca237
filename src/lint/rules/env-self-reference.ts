import type { Rule, RuleReport } from '../rule';
import { envNames } from '../instructions';

/** Whether `value` refers to `$name` or `${name}` (a longer name that starts with `name` does not count). */
export function refers(value: string, name: string): boolean {
  if (!value.includes('$')) return false;
  if (value.includes(`\${${name}}`)) return true;
  for (let i = value.indexOf(`$${name}`); i >= 0; i = value.indexOf(`$${name}`, i + 1)) {
    if (!/[A-Za-z0-9_]/.test(value[i + name.length + 1] ?? '')) return true;
  }
  return false;
}

export const rule: Rule = {
  id: 'env-self-reference',
  severity: 'error',
  description: 'An ENV does not refer to a variable it defines itself.',
  aliases: ['DL3044'],
  help:
    'In `ENV A=1 B=$A` the `$A` is substituted before the instruction runs, with the value A had before (usually ' +
    'empty). Split it into two ENV instructions. A name already set by an earlier ARG or ENV is fine.',
  check(model) {
    const out: RuleReport[] = [];
    const known = new Set(Object.keys(model.globalArgs));
    for (const inst of model.instructions) {
      if (inst.keyword === 'FROM') continue;
      if (inst.keyword === 'ARG') for (const n of envNames(inst)) known.add(n);
      if (inst.keyword !== 'ENV') continue;
      // pairs as written, a name given twice included (`ENV PATH=/a:$PATH PATH=/b:$PATH`)
      const pairs: [string, string][] = inst.argv.length > 0 && !inst.argv[0].includes('=') ? [[inst.argv[0], inst.argv.slice(1).join(' ')]] : inst.argv.filter(w => w.includes('=')).map(w => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
      const bad = pairs.find(([name], i) => !known.has(name) && pairs.some(([, v], j) => j !== i && refers(v, name)));
      for (const [name] of pairs) known.add(name);
      if (bad) out.push({ range: inst.range, message: `ENV refers to ${bad[0]}, which this same ENV defines: split it into two ENV instructions` });
    }
    return out;
  }
};
