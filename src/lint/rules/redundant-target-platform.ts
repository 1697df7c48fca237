import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'redundant-target-platform',
  severity: 'warning',
  description: 'FROM does not set `--platform=$TARGETPLATFORM`, which is the default.',
  aliases: ['DL3065', 'RedundantTargetPlatform'],
  help: 'Every stage is built for the target platform unless `--platform` says otherwise; `--platform=$TARGETPLATFORM` says nothing and hides the stages that really need `$BUILDPLATFORM`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      const platform = s.platform;
      if (platform === undefined) continue;
      const v = platform.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (v === '$TARGETPLATFORM' || v === '${TARGETPLATFORM}') {
        out.push({ range: s.from.range, stage: s.index, message: `Setting platform to predefined ${v} in FROM is redundant as this is the default behavior` });
      }
    }
    return out;
  }
};
