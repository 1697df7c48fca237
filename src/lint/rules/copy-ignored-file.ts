import { posix } from 'node:path';
import dockerignore from '@balena/dockerignore';
import type { Rule, RuleReport } from '../rule';
import { copyWords } from '../instructions';

const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
const ROOT_PATTERNS = new Set(['*', '**', '**/*']);

export const rule: Rule = {
  id: 'copy-ignored-file',
  severity: 'warning',
  description: 'COPY and ADD do not name a source that .dockerignore excludes from the build context.',
  aliases: ['CopyIgnoredFile'],
  help:
    'A file excluded by .dockerignore is not sent to the builder, so `COPY` of it fails (or copies nothing). Remove the pattern or the COPY. ' +
    'As BuildKit does: only sources from the build context, and not at all when .dockerignore has `!` exceptions (their effect on a path cannot be told statically).',
  check(model, ctx) {
    if (!ctx.dockerignore?.exists) return [];
    const patterns = ctx.dockerignore.lines.map(l => l.trim()).filter(l => l !== '' && !l.startsWith('#'));
    if (patterns.length === 0 || patterns.some(p => p.startsWith('!'))) return [];
    const matcher = dockerignore({ ignorecase: false }).add(patterns);
    const rootIgnored = patterns.some(p => ROOT_PATTERNS.has(p));
    const out: RuleReport[] = [];
    for (const i of model.instructions) {
      if ((i.keyword !== 'COPY' && i.keyword !== 'ADD') || i.flags.some(f => f.name === 'from')) continue;
      // the command line's words (a here-document's body is not a source), its `<<NAME` words left out
      const words = copyWords(i).filter(w => !w.startsWith('<<'));
      for (const src of words.slice(0, -1)) {
        if (src.includes('$') || REMOTE.test(src)) continue;
        const clean = posix.normalize(src.replace(/\\/g, '/')).replace(/^\/+/, '').replace(/\/+$/, '') || '.';
        const rel = clean === '.' || clean === '..' ? '.' : clean.replace(/^\.\//, '');
        const ignored = rel === '.' ? rootIgnored : !rel.startsWith('../') && matcher.ignores(rel);
        if (ignored) {
          out.push({ range: i.range, message: `Attempting to ${i.keyword === 'ADD' ? 'Add' : 'Copy'} file "${rel}" that is excluded by .dockerignore` });
        }
      }
    }
    return out;
  }
};
