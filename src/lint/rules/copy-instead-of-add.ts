import type { Rule, RuleReport } from '../rule';
import { copyWords } from '../instructions';
import { isVariable } from '../../shell/parse';

// ADD extracts local tar archives (plain or compressed) only: a `.zip` is copied as is (as in hadolint).
const ARCHIVE = /\.(tar|gz|bz2|xz|tgz|tb2|tbz|tbz2|lz|lzma|tlz|txz|Z|tZ|zst|tzst)$/;
const REMOTE = /^(https?:\/\/|git@|git:\/\/|ssh:\/\/)/;

/** ADD sources that COPY could do: not a URL, a git repository, an archive to extract or a variable. */
export function plainAddSources(sources: string[]): string[] {
  return sources.filter(s => {
    const u = s.replace(/^(["'])(.*)\1$/, '$2');
    return !REMOTE.test(u) && !ARCHIVE.test(u) && !isVariable(u);
  });
}

export const rule: Rule = {
  id: 'copy-instead-of-add',
  severity: 'error',
  description: 'ADD is used only for URLs, git repositories and archives; COPY for files and folders.',
  aliases: ['DL3020'],
  help:
    'ADD also downloads URLs and unpacks local archives, so using it for plain files hides intent and can surprise. ' +
    'Use COPY for files and folders. Not reported: URLs, git sources, tar archives, plain or compressed (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`...; a `.zip` is not extracted by ADD, so it is reported), ' +
    'sources given by a variable (which may be a URL), and here-documents.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'ADD' || inst.heredocs.length > 0) continue;
      const plain = plainAddSources(copyWords(inst).slice(0, -1));
      if (plain.length > 0) out.push({ range: inst.range, message: `use COPY instead of ADD for ${plain.join(', ')}` });
    }
    return out;
  }
};
