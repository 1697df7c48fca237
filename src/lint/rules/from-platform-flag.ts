import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'from-platform-flag',
  severity: 'warning',
  description: 'FROM does not hard-code --platform (BUILDPLATFORM / TARGETPLATFORM are fine).',
  aliases: ['DL3029'],
  help:
    'A fixed `FROM --platform=linux/amd64` builds that stage for one platform whatever `docker buildx build --platform` ' +
    'asks for, so multi-platform builds silently ship the wrong binaries. Leave it out, or use ' +
    '`--platform=$BUILDPLATFORM` for a cross-compiling builder stage.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const p = stage.platform;
      if (p === undefined || p.includes('BUILDPLATFORM') || p.includes('TARGETPLATFORM')) continue;
      out.push({ range: stage.from.range, stage: stage.index, message: `FROM --platform=${p} fixes the platform of this stage: leave it to the build's --platform` });
    }
    return out;
  }
};
