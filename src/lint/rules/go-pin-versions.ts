import type { Rule, RuleReport } from '../rule';
import { allRuns, argsNoFlags, cmdHasArgs } from '../commandArgs';

const isLocal = (p: string): boolean => p === '.' || p.startsWith('/') || p.startsWith('.');
/** A module path pinned to a version: `pkg@v1.2.3` (not `@latest` nor `@none`), or a local path. */
export const goPackagePinned = (p: string): boolean => isLocal(p) || (p.includes('@') && !/@(latest|none)$/.test(p));

export const rule: Rule = {
  id: 'go-pin-versions',
  severity: 'warning',
  description: 'go install, go get and go run pin module versions (pkg@version).',
  aliases: ['DL3062'],
  help:
    'Without a version `go install example.com/tool` builds whatever the module proxy has that day; `@latest` is ' +
    'the same. Use `go install example.com/tool@v1.4.2`. Local paths (`.`, `./cmd/app`) are fine. For `go run`, ' +
    'only the package is checked, not the arguments given to the program.',
  check(model) {
    const out: RuleReport[] = [];
    for (const { stage, inst, script } of allRuns(model)) {
      const runs = script.commands.filter(c => cmdHasArgs(c, 'go', ['run'])).flatMap(c => argsNoFlags(c).slice(0, 2).filter(a => a !== 'run'));
      const gets = script.commands.filter(c => cmdHasArgs(c, 'go', ['install', 'get'])).flatMap(c => argsNoFlags(c).filter(a => !['install', 'get', 'tool'].includes(a)));
      const pkgs = runs.length > 0 ? runs : gets;
      const bad = pkgs.filter(p => !goPackagePinned(p));
      if (bad.length > 0) out.push({ range: inst.range, stage: stage.index, message: `pin versions in go: use ${bad[0].split('@')[0]}@<version>` });
    }
    return out;
  }
};
