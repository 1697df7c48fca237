import type { Rule, RuleReport } from '../rule';
import { mountCovers, packageCommands, removesPath } from '../packages';
import { shippedRuns } from '../instructions';

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
      if (packageCommands(script, ['apt-get', 'apt'], ['update']).length === 0) continue;
      // `apt-get dist-clean` (apt >= 2.7) removes the lists too
      const distClean = packageCommands(script, ['apt-get', 'apt'], ['dist-clean']).length > 0;
      if (distClean || removesPath(script, '/var/lib/apt/lists') || mountCovers(inst.mounts, '/var/lib/apt/lists')) continue;
      out.push({ range: inst.range, stage, message: 'apt-get update without rm -rf /var/lib/apt/lists/* in the same RUN: the package lists stay in the image' });
    }
    return out;
  }
};
