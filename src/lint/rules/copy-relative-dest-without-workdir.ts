import type { Rule, RuleReport } from '../rule';
import { copyWords } from '../instructions';
import { stageChain } from '../../dockerfile/stages';

/** A COPY destination that does not depend on the working directory: absolute, a Windows drive, or a variable. */
export function absoluteDest(dest: string): boolean {
  const d = dest.replace(/^["']|["']$/g, '');
  // `c:\app` (the Dockerfile parser may have taken the backslash as an escape: `c:app`)
  return d.startsWith('/') || /^[A-Za-z]:/.test(d) || d.startsWith('$');
}

export const rule: Rule = {
  id: 'copy-relative-dest-without-workdir',
  severity: 'warning',
  description: 'COPY to a relative destination happens after a WORKDIR is set.',
  aliases: ['DL3045'],
  help:
    'A relative COPY destination is resolved against the working directory, which is `/` or whatever the base image ' +
    'set, and may change when the base is updated. Set `WORKDIR /app` first or use an absolute destination. A WORKDIR ' +
    'in a stage this one is built FROM counts (as in hadolint).',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      let workdir = stageChain(model, stage)
        .slice(1)
        .some(s => s.instructions.some(i => i.keyword === 'WORKDIR'));
      for (const inst of stage.instructions) {
        if (inst.keyword === 'WORKDIR') workdir = true;
        if (inst.keyword !== 'COPY' || workdir) continue;
        const words = copyWords(inst);
        const dest = words[words.length - 1];
        if (words.length < 2 || dest === undefined || absoluteDest(dest)) continue;
        out.push({ range: inst.range, stage: stage.index, message: `COPY to the relative destination ${dest} without a WORKDIR: set WORKDIR or use an absolute path` });
      }
    }
    return out;
  }
};
