import type { Rule, RuleReport } from '../rule';

// BuildKit's reserved stage names (frontend/dockerfile/dockerfile2llb/validations.go); stage names compare lowercased.
const RESERVED = new Set(['context', 'scratch']);

export const rule: Rule = {
  id: 'reserved-stage-name',
  severity: 'warning',
  description: 'No stage is named after a reserved word (`scratch`, `context`).',
  aliases: ['DL3063', 'ReservedStageName'],
  help: '`FROM scratch AS scratch` or `AS context` shadows a name BuildKit gives a meaning of its own: `COPY --from=scratch` would no longer mean the empty image.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      const name = s.name?.toLowerCase();
      if (name !== undefined && RESERVED.has(name)) {
        out.push({ range: s.from.range, stage: s.index, message: `Stage name should not use the same name as reserved stage "${name}"` });
      }
    }
    return out;
  }
};
