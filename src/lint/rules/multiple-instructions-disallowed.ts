import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';

const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export const rule: Rule = {
  id: 'multiple-instructions-disallowed',
  severity: 'warning',
  description: 'A stage has at most one CMD, ENTRYPOINT and HEALTHCHECK; the overridden one is reported.',
  aliases: ['MultipleInstructionsDisallowed'],
  help:
    'Only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage takes effect. As BuildKit does, the finding is on the earlier ' +
    'instruction, the one that is ignored (hadolint\'s DL4003/DL4004, `multiple-cmd` and `multiple-entrypoint`, report the later ones).',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const last = new Map<string, Instruction>();
      for (const i of stage.instructions) {
        if (!ONCE.has(i.keyword)) continue;
        const prev = last.get(i.keyword);
        if (prev) {
          out.push({ range: prev.range, stage: stage.index, message: `Multiple ${i.keyword} instructions should not be used in the same stage because only the last one will be used (line ${i.range.line})` });
        }
        last.set(i.keyword, i);
      }
    }
    return out;
  }
};
