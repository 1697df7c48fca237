import type { Rule } from '../rule';
import { checkRuns, cmdHasArgs } from '../commandArgs';

/** The gems a `gem install` names (words before `--` that are not options or option values). */
function gems(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (a.startsWith('-')) {
      i++;
      continue;
    }
    if (a !== 'install' && a !== 'i') out.push(a);
  }
  return out;
}

export const rule: Rule = {
  id: 'gem-pin-versions',
  severity: 'warning',
  description: 'gem install pins gem versions (gem:version or -v).',
  aliases: ['DL3028'],
  help: 'Unpinned `gem install rails` installs the newest release at build time. Use `gem install rails:7.2.1` or `gem install rails -v 7.2.1`.',
  check: model =>
    checkRuns(
      model,
      c =>
        cmdHasArgs(c, 'gem', ['install', 'i']) &&
        !c.args.some(a => a === '-v' || a === '--version' || a.startsWith('--version=')) &&
        gems(c.args).some(g => !g.includes(':')),
      () => 'pin versions in gem install: use <gem>:<version>'
    )
};
