import type { Rule, RuleReport } from '../rule';
import { envNames } from '../shell';

// The same name test as BuildKit's SecretsUsedInArgOrEnv check (frontend/dockerfile/dockerfile2llb/convert.go).
const SECRET_NAME = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public)(?:_|$)/i;

export function looksLikeSecret(name: string): boolean {
  return SECRET_NAME.test(name) && !ALLOWED.test(name);
}

export const rule: Rule = {
  id: 'secrets-in-arg-env',
  severity: 'warning',
  description: 'ARG/ENV names that look like secrets (Docker build check SecretsUsedInArgOrEnv).',
  aliases: [],
  help: 'ARG and ENV values are kept in the image history and metadata. Pass secrets with `RUN --mount=type=secret,id=...` instead.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') continue;
      for (const name of envNames(inst)) {
        if (looksLikeSecret(name)) {
          out.push({ range: inst.range, message: `${inst.keyword} ${name} looks like a secret: it stays in the image metadata; use RUN --mount=type=secret` });
        }
      }
    }
    return out;
  }
};
