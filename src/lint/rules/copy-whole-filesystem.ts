import type { Rule, RuleReport } from '../rule';
import { copyWords } from '../instructions';

const unquote = (s: string): string => s.replace(/^(["'])(.*)\1$/, '$2');

export const rule: Rule = {
  id: 'copy-whole-filesystem',
  severity: 'warning',
  description: 'COPY --from does not copy a whole filesystem (/ to /).',
  aliases: ['DL3067'],
  help: '`COPY --from=build / /` copies the entire builder image, its package manager and caches included, which is what multi-stage builds are meant to avoid. Copy the artifacts you need.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'COPY' || !inst.flags.some(f => f.name === 'from')) continue;
      const words = copyWords(inst).map(unquote);
      if (words.length >= 2 && words[words.length - 1] === '/' && words.slice(0, -1).includes('/')) {
        out.push({ range: inst.range, message: 'COPY --from copies a whole filesystem (/ to /): copy only the artifacts you need' });
      }
    }
    return out;
  }
};
