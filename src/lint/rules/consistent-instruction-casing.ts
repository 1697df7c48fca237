import { keywordAsWritten } from '../buildkit';
import type { Rule, RuleReport } from '../rule';

const selfConsistent = (s: string): boolean => s === s.toLowerCase() || s === s.toUpperCase();

export const rule: Rule = {
  id: 'consistent-instruction-casing',
  severity: 'warning',
  description: 'Every instruction keyword is written in the casing most keywords of the file use (upper or lower).',
  aliases: ['ConsistentInstructionCasing'],
  help:
    'Mixed keyword casing (`From`, or `copy` among `COPY`s) reads as a mistake. As BuildKit counts it: keywords written ' +
    'all in one case vote for that case (lowercase wins only with a strict majority); every keyword not in that case is reported.',
  check(model) {
    const insts = model.instructions.filter(i => i.stageIndex >= 0 || i.keyword === 'FROM');
    let lower = 0;
    let upper = 0;
    for (const i of insts) {
      const k = keywordAsWritten(i);
      if (!selfConsistent(k)) continue;
      if (k === k.toLowerCase()) lower++;
      else upper++;
    }
    const majorityLower = lower > upper;
    const out: RuleReport[] = [];
    for (const i of insts) {
      const k = keywordAsWritten(i);
      const wanted = majorityLower ? k.toLowerCase() : k.toUpperCase();
      if (k !== wanted) {
        out.push({ range: i.range, message: `Command '${k}' should match the case of the command majority (${majorityLower ? 'lowercase' : 'uppercase'})` });
      }
    }
    return out;
  }
};
