import type { SizeWaiver } from '../policy/waiver';
import type { BuildResult } from '../buildx/types';
import type { Finding, LintReport } from '../lint/rule';
import type { GatePolicy } from '../policy/decide';
import type { GateFailure, Verdict } from '../policy/types';
import type { ImageSize } from '../size/types';
import type { BaselineInfo } from '../baseline/info';

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
  /** Where the sizes the PR is compared with came from: the base's stored report, a build of the base, or none. */
  baseline?: BaselineInfo;
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
  /** Config files (`.stageguard.yml`, `.hadolint.yaml`) the pull request changes: their settings shaped this report. */
  configChanges?: string[];
  /** Partial-report shards that were expected but missing or corrupt (monorepo mode). */
  missingShards?: string[];
  /** How the run's gates were set where the report shows it: which image findings gate (`image-findings`). */
  policy?: {
    imageFindings: 'own' | 'all';
    /** How the config's fail-on and budgets combined with the workflow's (the action; absent in the CLI). */
    gates?: GatePolicy;
    /** The PR's waiver label, who added it and when, and the size gates it turned into notes. */
    sizeWaiver?: SizeWaiver & { waived: GateFailure[] };
  };
  /** The verdict: whether the step fails, with the reasons. */
  verdict: Verdict;
}
