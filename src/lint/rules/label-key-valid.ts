import type { Rule, RuleReport } from '../rule';
import { allLabels } from '../labels';

const RESERVED = ['com.docker.', 'io.docker.', 'org.dockerproject.'];

/** Why a label key breaks Docker's key format, or undefined when it is fine. */
export function labelKeyProblem(key: string): string | undefined {
  if (!/^[a-z]/.test(key)) return 'must start with a lower-case letter';
  if (!/[a-z0-9]$/.test(key)) return 'must end with a lower-case letter or digit';
  if (/[^0-9a-z._/-]/.test(key)) return 'may only contain lower-case letters, digits, ., -, _ and /';
  if (RESERVED.some(r => key.startsWith(r))) return `uses a namespace reserved by Docker (${RESERVED.join(', ')})`;
  if (key.includes('..') || key.includes('--')) return 'must not repeat a separator (.. or --)';
  return undefined;
}

export const rule: Rule = {
  id: 'label-key-valid',
  severity: 'style',
  description: 'LABEL keys follow Docker’s format (reverse-DNS, lower case, no reserved namespace).',
  aliases: ['DL3048'],
  help:
    'Docker recommends label keys in reverse-DNS notation of lower-case letters, digits, `.` and `-` (e.g. ' +
    '`org.opencontainers.image.source`), starting with a letter and ending with a letter or digit, without repeated ' +
    'separators; `com.docker.*`, `io.docker.*` and `org.dockerproject.*` are reserved for Docker itself.',
  check(model) {
    const out: RuleReport[] = [];
    for (const { inst, pair } of allLabels(model)) {
      const problem = labelKeyProblem(pair.key);
      if (problem) out.push({ range: inst.range, message: `label key ${pair.key} ${problem}` });
    }
    return out;
  }
};
