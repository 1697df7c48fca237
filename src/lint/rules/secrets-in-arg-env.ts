import type { Rule, RuleReport } from '../rule';
import { envNames, envValues } from '../instructions';

// The same name test as BuildKit's SecretsUsedInArgOrEnv check (frontend/dockerfile/dockerfile2llb/convert.go).
const SECRET_NAME = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOWED = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksLikeSecret(name: string): boolean {
  return SECRET_NAME.test(name) && !ALLOWED.test(name);
}

/**
 * A GPG/PGP key named by its fingerprint is public by design (the docker-library images verify their downloads with
 * `ENV GPG_KEY <fingerprint>`); BuildKit's check reports it, which is a false positive this rule avoids.
 */
function publicKeyFingerprint(name: string, value: string | undefined): boolean {
  return /GPG|PGP/i.test(name) && value !== undefined && /^(?:[0-9A-Fa-f]{8,}\s*)+$/.test(value.trim()) && value.replace(/\s/g, '').length >= 16;
}

export const rule: Rule = {
  id: 'secrets-in-arg-env',
  severity: 'warning',
  description: 'ARG/ENV names that look like secrets (Docker build check SecretsUsedInArgOrEnv).',
  aliases: ['SecretsUsedInArgOrEnv'],
  help:
    'ARG and ENV values are kept in the image history and metadata. Pass secrets with `RUN --mount=type=secret,id=...` instead. ' +
    'Names are tested as BuildKit tests them; unlike BuildKit, a GPG/PGP key given by its fingerprint (`ENV GPG_KEY 7169605F...`) is public and not reported.',
  check(model) {
    const out: RuleReport[] = [];
    for (const inst of model.instructions) {
      if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') continue;
      const values = envValues(inst);
      for (const name of envNames(inst)) {
        if (looksLikeSecret(name) && !publicKeyFingerprint(name, values[name])) {
          out.push({ range: inst.range, message: `${inst.keyword} ${name} looks like a secret: it stays in the image metadata; use RUN --mount=type=secret` });
        }
      }
    }
    return out;
  }
};
