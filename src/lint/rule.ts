import type { DockerfileModel, Range, Stage } from '../dockerfile/model';
import type { Severity } from '../severity';
export { SEVERITIES, severityRank, type Severity } from '../severity';

/** One lint finding. The JSON output uses these keys exactly. */
export interface Finding {
  rule: string;
  /**
   * Other names of the finding, only where it means what that rule means there: hadolint codes (`DL3008`),
   * ShellCheck codes (`SC2086`), Docker build check names (`JSONArgsRecommended`).
   */
  aliases: string[];
  severity: Severity;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Index of the stage the finding is in; null for file-level findings. */
  stage: number | null;
  message: string;
  /** Against a base commit (PR, `--base-ref`): whether the base already had this finding. Absent without a base. */
  status?: 'new' | 'existing';
  /**
   * Image findings only: set (to the FROM's image) when the base image's own layers caused it; such a finding has no
   * Dockerfile line (line 0) and gates only with `image-findings: all`.
   */
  fromBaseImage?: string;
}

/** What a rule's check returns: the engine fills in the rule id and default severity and aliases. */
export interface RuleReport {
  range: Range;
  message: string;
  stage?: number | null;
  /** Overrides the rule's default aliases for this finding (e.g. `non-root-user` carries DL3002 only for `USER root`). */
  aliases?: string[];
  severity?: Severity;
}

/** What a rule can see besides the model. */
export interface RuleContext {
  /** Whether a .dockerignore exists beside the build context, and its lines; undefined when unknown. */
  dockerignore?: { exists: boolean; lines: string[] };
  /** Registries the config trusts (for base-image rules). */
  trustedRegistries: string[];
  /** hadolint's `label-schema` (label name -> value type) and `strict-labels`, for the label rules. */
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
  /** Build-argument values the build passes (`build-args` input, per-Dockerfile config), by name. */
  buildArgs?: Record<string, string>;
  /** Stages the config builds (`targets`, by name or index); the final stage is always a target. */
  targets?: string[];
  /** The `BUILDKIT_DOCKERFILE_CHECK` build argument, which replaces the file's `# check=` directive as in BuildKit. */
  buildkitCheck?: string;
}

export interface Rule {
  id: string;
  severity: Severity;
  description: string;
  /** hadolint codes and Docker build check names this rule stands for (may be narrowed per finding). */
  aliases: string[];
  /** Runs only when the config gives it a severity (hadolint's `ignore` severity, e.g. DL1001). */
  offByDefault?: boolean;
  /** Part of the seven-check multi-stage scorecard. */
  scorecard?: boolean;
  /** Longer help text for SARIF and docs (markdown). */
  help?: string;
  /** Never throws; returns findings as values. */
  check(model: DockerfileModel, ctx: RuleContext): RuleReport[];
}

export interface ScorecardEntry {
  check: string;
  passed: boolean;
  detail: string;
}

export interface StageSummary {
  index: number;
  name: string | null;
  base: string;
}

export interface FileLintResult {
  path: string;
  stages: StageSummary[];
  scorecard: ScorecardEntry[];
  violations: Finding[];
  /** Against a base commit: how many of the base's findings this file no longer has. */
  fixed?: number;
}

export interface LintReport {
  files: FileLintResult[];
  summary: {
    files: number;
    violations: number;
    bySeverity: Record<Severity, number>;
    /** Against a base commit only: findings the base did not have, findings it had, and its findings now gone. */
    new?: number;
    existing?: number;
    fixed?: number;
  };
  /** How ShellCheck went, when it was asked for (`shellcheck: auto | required`); `notice` says why it did not run. */
  shellcheck?: { ran: boolean; version?: string; scripts: number; notice?: string };
}

export type { Stage };
