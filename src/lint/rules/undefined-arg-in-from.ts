import type { Rule, RuleReport } from '../rule';
import { suggestName, variableRefs } from '../vars';

/** ARGs BuildKit predefines for FROM (automatic platform args). */
export const PLATFORM_ARGS = ['BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT', 'TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT'];

export const rule: Rule = {
  id: 'undefined-arg-in-from',
  severity: 'warning',
  description: 'Every variable FROM uses (image or --platform) is an ARG declared before the first FROM, or a platform ARG.',
  aliases: ['UndefinedArgInFrom'],
  help: 'FROM only sees the ARGs declared before the first FROM (and the automatic platform ARGs); any other `$NAME` is empty, which is usually a typo.',
  check(model) {
    const out: RuleReport[] = [];
    const known = new Set([...Object.keys(model.globalArgs), ...PLATFORM_ARGS]);
    for (const s of model.stages) {
      const platform = s.platform ?? '';
      const seen = new Set<string>();
      for (const ref of [...variableRefs(platform, model.directives.escape), ...variableRefs(s.base.raw, model.directives.escape)]) {
        if (known.has(ref.name) || seen.has(ref.name)) continue;
        seen.add(ref.name);
        const hint = suggestName(ref.name, known);
        out.push({ range: s.from.range, stage: s.index, message: `FROM argument '${ref.name}' is not declared${hint ? ` (did you mean ${hint}?)` : ''}` });
      }
    }
    return out;
  }
};
