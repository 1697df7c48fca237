import type { Rule, RuleReport } from '../rule';
import { copyWords } from '../instructions';

export const rule: Rule = {
  id: 'copy-multiple-sources-dest-slash',
  severity: 'error',
  description: 'COPY with more than one source copies into a directory written with a trailing slash.',
  aliases: ['DL3021'],
  help: 'With several sources the destination must be a directory, and the build fails unless it ends with `/`: write `COPY a b /app/`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'COPY' || inst.heredocs.length > 0) continue;
      const words = copyWords(inst);
      const dest = (words[words.length - 1] ?? '').replace(/^(["'])(.*)\1$/, '$2');
      if (words.length > 2 && !dest.endsWith('/')) out.push({ range: inst.range, message: `COPY of ${words.length - 1} sources into ${dest}: end the destination with /` });
    }
    return out;
  }
};
