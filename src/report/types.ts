import type { BuildResult } from '../build/types';
import type { Finding, LintReport } from '../lint/rule';
import type { ImageSize } from '../size/types';

/** A gate that failed (size budget, increase, waste), a failed build, or the lint threshold; rendered and used for the exit status. */
export interface GateFailure {
  kind: 'lint' | 'build' | 'max-size' | 'max-increase' | 'max-wasted';
  /** e.g. `app/Dockerfile (final)` */
  subject: string;
  message: string;
}

export interface ReportContext {
  /** owner/name */
  repository?: string;
  pullNumber?: number;
  headSha?: string;
  baseRef?: string;
  headRef?: string;
  /** e.g. https://github.com */
  serverUrl?: string;
  eventName?: string;
}

/** Everything one run found: the input of every renderer (comment, summary, SARIF, JSON report). */
export interface Report {
  tool: { name: 'stageguard'; version: string };
  context: ReportContext;
  lint: LintReport;
  builds: BuildResult[];
  /** Reproduce commands, parallel to `builds`. */
  buildCommands: string[];
  sizes: ImageSize[];
  /** Findings from images (image-* rules) and size gates, per Dockerfile path. */
  imageFindings: { path: string; finding: Finding }[];
  gates: GateFailure[];
  /** What the run did not do and why (no engine, build disabled, not a PR...). */
  skipped: string[];
  warnings: string[];
  /** Partial-report shards that were expected but missing or corrupt (monorepo mode). */
  missingShards?: string[];
  /** The verdict: whether the step fails, with the reasons. */
  verdict: { failed: boolean; reasons: string[] };
}
