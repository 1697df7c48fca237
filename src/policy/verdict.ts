import type { BuildResult } from '../buildx/types';
import { severityRank, type FileLintResult, type Finding, type Severity } from '../lint/rule';
import { sizeSubject } from '../size/subject';
import type { GateFailure, Verdict } from './types';

/** Whether a finding of `severity` is at or above the `fail-on` threshold. */
export function atOrAbove(severity: Severity, threshold: Severity | 'none'): boolean {
  return threshold !== 'none' && severityRank(severity) <= severityRank(threshold);
}

/** Pure: one gate per finding (lint and image contents) at or above `failOn`. */
export function findingGates(files: readonly FileLintResult[], imageFindings: readonly { path: string; finding: Finding }[], failOn: Severity | 'none'): GateFailure[] {
  if (failOn === 'none') return [];
  const out: GateFailure[] = [];
  for (const f of files)
    for (const v of f.violations) if (atOrAbove(v.severity, failOn)) out.push({ kind: 'lint', subject: `${f.path}:${v.line}`, message: `${v.severity} ${v.rule}: ${v.message}` });
  for (const { path, finding } of imageFindings)
    if (atOrAbove(finding.severity, failOn)) out.push({ kind: 'lint', subject: path, message: `${finding.severity} ${finding.rule}: ${finding.message}` });
  return out;
}

/** Pure: one gate per failed build. */
export function buildGates(builds: readonly BuildResult[]): GateFailure[] {
  return builds.filter(b => !b.ok).map(b => ({ kind: 'build', subject: sizeSubject({ ...b, image: '' }), message: 'build failed' }));
}

/**
 * Pure: the verdict of a run (or of a merged report) from its gates, the errors that stopped a part of it (a bad
 * input or config) and the shards that are missing: failed when any is there, with one reason per kind.
 */
export function decideVerdict(
  gates: readonly GateFailure[],
  builds: readonly BuildResult[],
  errors: readonly string[],
  failOn: Severity | 'none' | string,
  missingShards: readonly string[] = []
): Verdict {
  const reasons = [...errors];
  const failedBuilds = gates.filter(g => g.kind === 'build').length;
  if (failedBuilds) reasons.push(`${failedBuilds} of ${builds.length} builds failed`);
  const findings = gates.filter(g => g.kind === 'lint').length;
  if (findings) reasons.push(`${findings} findings at or above ${failOn}`);
  for (const g of gates) if (g.kind !== 'lint' && g.kind !== 'build') reasons.push(g.message);
  if (missingShards.length > 0) {
    reasons.push(`${missingShards.length} shard report${missingShards.length === 1 ? ' is' : 's are'} missing or corrupt: ${missingShards.join('; ')}`);
  }
  return { failed: reasons.length > 0, reasons };
}

/** Pure: a verdict also failed by errors decided before the gates (invalid inputs of the report job), named first. */
export function failedBy(verdict: Verdict, errors: readonly string[]): Verdict {
  if (errors.length === 0) return verdict;
  return { failed: true, reasons: [...errors, ...verdict.reasons] };
}
