import type { Rule, RuleReport } from '../rule';
import { stageChain } from '../../dockerfile/stages';

const isAbsolute = (p: string): boolean => p.startsWith('/') || p.startsWith('$') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\');

export const rule: Rule = {
  id: 'workdir-relative-path',
  severity: 'warning',
  description: 'A relative WORKDIR comes after an absolute one in the stage or a stage it is built FROM.',
  aliases: ['WorkdirRelativePath'],
  help:
    'A relative WORKDIR is resolved against the base image\'s working directory, which changes when the base image does. ' +
    'As BuildKit does, only a relative WORKDIR before the first absolute WORKDIR of the stage chain is reported (hadolint\'s DL3000, `absolute-workdir`, reports every relative WORKDIR).',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const inherited = stageChain(model, stage)
        .slice(1)
        .some(s => s.instructions.some(i => i.keyword === 'WORKDIR' && isAbsolute((i.argv[0] ?? '').replace(/^["']|["']$/g, ''))));
      let absolute = inherited;
      for (const i of stage.instructions) {
        if (i.keyword !== 'WORKDIR') continue;
        const dir = (i.argv[0] ?? '').replace(/^["']|["']$/g, '');
        if (isAbsolute(dir)) absolute = true;
        else if (!absolute) out.push({ range: i.range, stage: stage.index, message: `Relative workdir "${dir}" can have unexpected results if the base image changes` });
      }
    }
    return out;
  }
};
