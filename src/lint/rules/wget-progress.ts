import type { Rule } from '../rule';
import { checkRuns, hasAnyFlag } from '../commandArgs';

export const rule: Rule = {
  id: 'wget-progress',
  severity: 'info',
  description: 'wget runs without its progress bar (--progress=dot:giga, -q or -nv).',
  aliases: ['DL3047'],
  help:
    "wget's progress bar writes thousands of lines into the build log. Use `wget --progress=dot:giga <url>`, or " +
    '`-q` / `-nv` (`--quiet` / `--no-verbose`); `-o` / `-a` (log to a file) count too.',
  check: model =>
    checkRuns(
      model,
      c =>
        c.name === 'wget' &&
        !hasAnyFlag(c, ['progress', 'q', 'quiet', 'o', 'output-file', 'a', 'append-output', 'no-verbose']) &&
        !c.args.includes('-nv'),
      () => 'wget without --progress=dot:giga, -q or -nv floods the build log'
    )
};
