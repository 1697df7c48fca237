import type { Rule, RuleReport } from '../rule';
import { cacheMountTargets, mountCovers, packageCommands, removesPath } from '../packages';
import { mountsOf, shippedRuns } from '../instructions';

/**
 * A cache or tmpfs mount keeps the lists out of the layer: one on /var/lib/apt/lists, or (as hadolint reads it) one on
 * /var/lib/apt together with one on /var/cache/apt; /var/lib/apt alone is not enough.
 */
function listsMounted(mounts: string[]): boolean {
  const targets = cacheMountTargets(mounts);
  if (targets.some(t => t === '/var/lib/apt/lists' || t.startsWith('/var/lib/apt/lists/') || t === '/')) return true;
  return mountCovers(mounts, '/var/lib/apt/lists') && mountCovers(mounts, '/var/cache/apt');
}

export const rule: Rule = {
  id: 'apt-lists-cleanup',
  severity: 'info',
  description: 'A RUN that runs apt-get update also deletes /var/lib/apt/lists.',
  aliases: ['DL3009'],
  help:
    '`apt-get update` downloads package lists (tens of MB) into /var/lib/apt/lists; delete them in the same RUN ' +
    '(`&& rm -rf /var/lib/apt/lists/*`, or `apt-get dist-clean` on apt 2.7+) or mount a cache there (`RUN --mount=type=cache,target=/var/lib/apt/lists`). ' +
    'Like hadolint, only stages that end up in the shipped image are checked (the final stage and the stages it is ' +
    'built FROM): lists left in a builder stage that only feeds `COPY --from` cost nothing.',
  check(model) {
    const out: RuleReport[] = [];
    for (const { stage, inst, script } of shippedRuns(model)) {
      const updates = packageCommands(script, ['apt-get', 'apt'], ['update']).length > 0 || script.commands.some(c => c.name === 'aptitude' && c.args.includes('update'));
      if (!updates) continue;
      // `apt-get dist-clean` (apt >= 2.7) removes the lists too
      const distClean = packageCommands(script, ['apt-get', 'apt'], ['dist-clean']).length > 0;
      if (distClean || removesPath(script, '/var/lib/apt/lists') || listsMounted(mountsOf(inst))) continue;
      out.push({ range: inst.range, stage, message: 'apt-get update without rm -rf /var/lib/apt/lists/* in the same RUN: the package lists stay in the image' });
    }
    return out;
  }
};
