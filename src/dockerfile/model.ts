/**
 * The Dockerfile model every feature uses (lint rules, build targets, size mapping, report links).
 * Produced by `parseDockerfile` in ./parse.ts; pure data, no I/O.
 * Lines and columns are 1-based; `endColumn` is exclusive (one past the last character), as in SARIF.
 */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface ImageRef {
  /** The text after FROM (flags removed), before ARG substitution. */
  raw: string;
  /** After substituting global ARGs (their defaults); equals `raw` when nothing was substituted. */
  resolved: string;
  /** False when a `${VAR}` could not be resolved (no default): registry/repository/tag are then best effort. */
  fullyResolved: boolean;
  /** e.g. `ghcr.io`, `localhost:5000`; undefined for Docker Hub. */
  registry?: string;
  /** e.g. `library/python` is reported as `python`; `org/app`. */
  repository: string;
  tag?: string;
  digest?: string;
  /** `scratch` */
  isScratch: boolean;
}

export interface Heredoc {
  /** Delimiter word, e.g. EOF */
  name: string;
  content: string;
  range: Range;
}

export interface Flag {
  name: string;
  /** undefined for a bare flag like `--link` */
  value?: string;
}

export interface Instruction {
  /** Upper-cased keyword, e.g. `RUN`, `COPY`, `FROM`. */
  keyword: string;
  /** The argument text with flags removed and line continuations joined into one line (comments inside dropped). */
  args: string;
  /** Argument words after flags, with quotes removed where the JSON form was used. */
  argv: string[];
  /** True when the arguments are in JSON (exec) form. */
  jsonForm: boolean;
  flags: Flag[];
  /** Convenience for RUN: every `--mount=` value, e.g. `type=cache,target=/root/.cache/pip`. */
  mounts: string[];
  heredocs: Heredoc[];
  /** The whole instruction, keyword to the end of its last continuation line or heredoc. */
  range: Range;
  /** The keyword's own range. */
  keywordRange: Range;
  /** The original source text of the instruction. */
  text: string;
  /** Index of the stage this instruction belongs to; -1 for instructions before the first FROM (global ARGs). */
  stageIndex: number;
  /** For `ONBUILD <instruction>`: the trigger instruction, parsed like any other (its range is within the ONBUILD). */
  trigger?: Instruction;
}

export type StageSourceKind = 'stage' | 'image' | 'context';

/** A stage's dependency on another stage or an image: `FROM <stage>`, `COPY --from=`, `RUN --mount=from=`. */
export interface StageDependency {
  kind: 'from' | 'copy' | 'mount';
  /** The `--from` value as written (after ARG substitution). */
  ref: string;
  /** Index of the referenced stage, when it names (or numbers) an earlier stage. */
  stage?: number;
  /** When it names an image instead of a stage. */
  image?: ImageRef;
  instruction: Instruction;
}

export interface Stage {
  index: number;
  /** The `AS` name as written (case preserved); undefined when unnamed. */
  name?: string;
  /** Upper-case keyword `AS` as written (for casing checks); undefined when absent. */
  asKeyword?: string;
  base: ImageRef;
  /** When the FROM names an earlier stage, its index (the base image is then that stage's). */
  baseStage?: number;
  platform?: string;
  from: Instruction;
  /** Instructions after FROM up to the next FROM (FROM itself excluded). */
  instructions: Instruction[];
  dependencies: StageDependency[];
  /** Every stage index this stage needs, transitively (not including itself), sorted. */
  needs: number[];
  range: Range;
}

export interface ParseProblem {
  message: string;
  range: Range;
}

export interface Directives {
  syntax?: string;
  /** Raw `# check=` value, e.g. `skip=JSONArgsRecommended;error=true`. */
  check?: string;
  /** `\` unless the escape directive says `` ` ``. */
  escape: string;
}

export interface Comment {
  line: number;
  /** Text after `#`, trimmed. */
  text: string;
}

export interface DockerfileModel {
  /** As given by the caller (relative to the repository or working directory). */
  path: string;
  /** Decoded text ('' when the file could not be decoded). */
  text: string;
  lines: string[];
  directives: Directives;
  /** ARGs declared before the first FROM, with their defaults (undefined when no default). */
  globalArgs: Record<string, string | undefined>;
  /** Every instruction in order, FROMs included. */
  instructions: Instruction[];
  stages: Stage[];
  comments: Comment[];
  /** Problems that make the file (partly) unusable; reported as `parse-error` findings. Empty for a valid file. */
  problems: ParseProblem[];
}
