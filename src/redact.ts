/**
 * Masks secrets in text that leaves the process (logs, the comment, the summary, the JSON report, outputs).
 *
 * The runner masks values registered with `::add-mask::` in the LOG only; it never sees the comment the action posts
 * or the files it writes, so a build that echoes the token (through a build arg, say) or an API error quoting it would
 * publish it. Two nets: GitHub's token formats (ghp_/gho_/ghu_/ghs_/ghr_ and fine-grained github_pat_), documented at
 * https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/, and any exact
 * values the caller registers (e.g. the `github-token` input, whatever its shape).
 */
export const MASK = '***';

const GITHUB_TOKEN_RE = /\b(?:gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,})/g;

/** Pure: `text` with GitHub tokens and every value of `secrets` (ignoring blanks and very short ones) replaced by ***. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(GITHUB_TOKEN_RE, MASK);
  for (const s of secrets) if (s && s.trim().length >= 6) out = out.split(s).join(MASK);
  return out;
}

/** Pure: a deep copy of a JSON-like value with every string, keys included (a map keyed by instruction text), passed through `redactSecrets`. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactSecrets(value, secrets) as unknown as T;
  if (Array.isArray(value)) return value.map(v => redactDeep(v, secrets)) as unknown as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[redactSecrets(k, secrets)] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}
