import type { GatePolicy } from '../policy/decide';
import type { SizeWaiver } from '../policy/waiver';
import type { Config } from '../config/config';
import type { ShellcheckMode } from '../lint/shellcheck';
import type { Logger } from '../log';
import type { Report, ReportContext } from '../report/types';
import type { Severity } from '../severity';

/** Everything one run of the main job needs; the action fills it from its inputs, the CLI from its flags. */
export interface PipelineOptions {
  /** The repository root (GITHUB_WORKSPACE) or the CLI's working directory; Dockerfile paths are relative to it. */
  cwd: string;
  /** The git repository's top folder (for the base commit's worktree); default cwd. */
  repoDir?: string;
  /** Dockerfile paths or globs; empty: discover every Dockerfile below cwd. */
  dockerfiles: string[];
  /** Files the PR changes (repo-relative); null when every discovered Dockerfile counts. */
  changedFiles: string[] | null;
  /**
   * Files that differ from the base commit (repository-relative) when the run is not a PR (`--base-ref`): they
   * explain cache misses only and select nothing. A PR's changedFiles win.
   */
  diffFiles?: string[];
  /** Which image findings gate: only those of the Dockerfile's own layers (`own`, the default) or also the base image's. */
  imageFindings?: 'own' | 'all';
  /** A previous report JSON (e.g. the base branch's): the step times it recorded say what the cache saved. */
  historyFile?: string;
  /** The PR's waiver label, when it carries one: size gates become notes. */
  sizeWaiver?: SizeWaiver | null;
  /** Files the PR renamed, new path → old path (repository-relative): the base build finds them at the old path. */
  renamedFrom?: Record<string, string>;
  configFile?: string;
  failOn: Severity | 'none';
  /** How the config's fail-on and budgets combine with the workflow's (see policy/decide.ts); absent in the CLI. */
  gatePolicy?: GatePolicy;
  /** Inputs that were invalid (their defaults were used): they fail the run, and nothing is built. */
  inputErrors?: string[];
  build: boolean;
  targets: string[];
  context?: string;
  buildArgs: string[];
  /** ShellCheck over RUN scripts (default off here; the action and the CLI default to auto). */
  shellcheck?: ShellcheckMode;
  /** Gates consider only findings that are new against the base commit (needs `baseSha`). */
  onlyNewFindings?: boolean;
  platform?: string;
  network?: string;
  builder?: string;
  push: boolean;
  /** Load every target into the engine (default: with a cache repository, only final stages; see plan.ts). */
  load?: boolean;
  /** False: measure every image through `docker save`, never from the cache repository. Default true. */
  measureInRegistry?: boolean;
  maxParallel: number;
  cacheRepository?: string;
  /** The branch being built (PR head branch or pushed branch). */
  branch: string;
  baseBranch?: string;
  defaultBranch?: string;
  /** GitHub event name, or `local`. */
  event: string;
  isFork: boolean;
  /** Build and measure this commit too, and compare (PRs and `--base-ref`). */
  baseSha?: string;
  /** False: always build the base commit, never read its stored report from the cache repository. Default true. */
  storedBaseline?: boolean;
  maxSize?: string;
  maxIncrease?: string;
  maxWasted?: string;
  sizeMetric: 'compressed' | 'uncompressed';
  context_: ReportContext;
  log: Logger;
  /** Exact secret values (e.g. the github-token input) masked everywhere in the report and build logs. */
  secrets?: string[];
}

/** The result of a run: the report, plus what publishing needs that is not part of it. */
export interface PipelineResult {
  report: Report;
  /** The parsed config (for SARIF rules etc.), or null when it could not be read. */
  config: Config | null;
}
