/** Where the sizes a PR is compared with came from; the JSON report's `baseline`. */
export interface BaselineInfo {
  source: 'registry' | 'build' | 'none';
  /** The branch (registry) or revision (build) of the baseline. */
  ref?: string;
  /** The commit whose images the baseline measured. */
  sha?: string;
  /** For a stored report of an earlier commit: how many commits it is behind the merge base. */
  behind?: number;
  /** Why the stored report was not used (build) or why there is no baseline at all (none). */
  reason?: string;
}

/** Pure: the baseline in words, for the comment. */
export function baselineLine(b: BaselineInfo): string {
  const short = b.sha ? b.sha.slice(0, 7) : '';
  if (b.source === 'registry') {
    const where = b.behind === undefined ? 'the base commit' : b.behind === 0 ? 'the merge base' : `${b.behind} commit${b.behind === 1 ? '' : 's'} before the merge base`;
    return `baseline: ${b.ref} @ ${short}, ${where} (its stored report)`;
  }
  if (b.source === 'build') return `baseline: ${b.ref ?? 'the base'} @ ${short}, built for this run${b.reason ? ` (no stored report used: ${b.reason})` : ''}`;
  return `no baseline${b.reason ? `: ${b.reason}` : ''}`;
}

/** The key of a (Dockerfile, target) pair: how baselines, drift, missing targets and step history are looked up. */
export function targetKey(dockerfile: string | null, target: string | null): string {
  return `${dockerfile ?? ''}#${target ?? ''}`;
}
