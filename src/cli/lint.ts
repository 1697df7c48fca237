import { jsonLogSafe, logSafe } from '../log';
import { loadConfig, type FailOn, type Config } from '../config/config';
import { discoverDockerfiles } from '../dockerfile/discover';
import { atOrAbove } from '../policy/verdict';
import { lintFiles, PARSE_ERROR_RULE } from '../lint/engine';
import { renderLintMarkdown } from '../report/markdown';
import { renderSarif } from '../report/sarif';
import { formatJson, formatText } from '../lint/format';
import type { LintReport, Rule } from '../lint/rule';
import { SEVERITIES } from '../lint/rule';
import { rules } from '../lint/rules';
import type { DockerfileModel } from '../dockerfile/model';
import { resolveBaseRef } from '../localRun';
import { compareWithBase } from '../lint/base';
import { onlyNewFindings } from '../lint/newFindings';
import { SHELLCHECK_MODES, SHELLCHECK_RULE, type ShellcheckMode } from '../lint/shellcheck';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';

export type { CliIo };

export type LintFormat = 'text' | 'json' | 'sarif' | 'markdown';

export interface LintArgs {
  paths: string[];
  format: LintFormat;
  config?: string;
  failOn?: FailOn;
  shellcheck: ShellcheckMode;
  /** A git revision whose version of each file is linted too, to mark findings new or existing. */
  baseRef?: string;
  /** The exit status considers new findings only. */
  onlyNew: boolean;
  /** `NAME=value` build arguments: FROM is read with the values the build will use. */
  buildArgs: string[];
  help: boolean;
}

export const LINT_USAGE = `usage: stageguard lint [paths or globs...] [--format text|json|sarif|markdown] [--config FILE] [--fail-on error|warning|info|none]
                       [--shellcheck auto|required|off] [--base-ref REV [--only-new]]
                       [--build-arg NAME=VALUE]...

Lints Dockerfiles (default: Dockerfile, *.Dockerfile, Dockerfile.* below the working directory), and the shell of their
RUN instructions with ShellCheck when it is installed (--shellcheck required: fail without it; off: never).
With --base-ref, each finding is marked new or existing against that revision's version of the file, and the ones
it had that are gone are counted as fixed; --only-new lets the exit status consider new findings only.
Exit status: 0 clean, 1 findings at or above --fail-on (default error), 2 usage or config error.
`;

export const FAIL_ON_CHOICES: readonly FailOn[] = [...SEVERITIES, 'none'];

const LINT_FLAGS = {
  format: { type: 'string', short: 'f', choices: ['text', 'json', 'sarif', 'markdown'] },
  config: { type: 'string', short: 'c' },
  'fail-on': { type: 'string', choices: FAIL_ON_CHOICES },
  shellcheck: { type: 'string', choices: SHELLCHECK_MODES },
  'base-ref': { type: 'string' },
  'only-new': { type: 'boolean' },
  'build-arg': { type: 'string', multiple: true }
} as const satisfies FlagTable;

/** Parses `lint` arguments. Pure; throws an Error with a usage message on bad input. */
export function parseLintArgs(argv: string[]): LintArgs {
  const { values, positionals } = parseFlags(argv, LINT_FLAGS);
  if (values['only-new'] && values['base-ref'] === undefined) throw new Error('--only-new needs --base-ref REV (the revision whose findings are not new)');
  return { paths: positionals, format: values.format ?? 'text', config: values.config, failOn: values['fail-on'], shellcheck: values.shellcheck ?? 'auto', baseRef: values['base-ref'], onlyNew: values['only-new'], buildArgs: values['build-arg'] ?? [], help: values.help };
}

type Renderer = (report: LintReport, ruleList: readonly Rule[]) => string;

const RENDERERS: Record<'sarif' | 'markdown', Renderer> = {
  sarif: (r, ruleList) => renderSarif(r, [PARSE_ERROR_RULE, SHELLCHECK_RULE, ...ruleList]),
  markdown: r => renderLintMarkdown(r)
};

/** `stageguard lint`: returns the exit status (0 clean, 1 findings at or above --fail-on, 2 usage/config error). */
export function lintCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('lint', LINT_USAGE, argv, io, parseLintArgs, args => lintWith(args, io));
}

async function lintWith(args: LintArgs, io: CliIo): Promise<number> {
  let config: Config;
  try {
    config = loadConfig({ cwd: io.cwd, configFile: args.config });
  } catch (e) {
    io.stderr(`stageguard lint: config error: ${(e as Error).message}\n`);
    return 2;
  }
  for (const w of config.warnings) io.stderr(`stageguard lint: warning: ${w}\n`);
  let render: Renderer | undefined;
  if (args.format === 'sarif' || args.format === 'markdown') {
    render = RENDERERS[args.format];
  }
  const found = await discoverDockerfiles(args.paths, io.cwd);
  for (const u of found.unmatched) io.stderr(`stageguard lint: no Dockerfile matches ${u}\n`);
  for (const r of found.refused) io.stderr(`stageguard lint: ${r}\n`);
  if (args.paths.length > 0 && found.files.length === 0) return 2;
  if (found.files.length === 0) io.stderr('stageguard lint: no Dockerfile found below the working directory\n');
  let report: LintReport;
  try {
    const heads = new Map<string, DockerfileModel>();
    report = await lintFiles(found.files, { cwd: io.cwd, config, shellcheck: args.shellcheck, buildArgs: args.buildArgs, onModel: m => heads.set(m.path, m) });
    if (args.baseRef !== undefined) {
      const { sha, repoDir } = await resolveBaseRef(io.cwd, args.baseRef);
      report = await compareWithBase(report, heads, { cwd: io.cwd, repoDir, sha, config, shellcheck: args.shellcheck });
    }
  } catch (e) {
    io.stderr(`stageguard lint: ${(e as Error).message}\n`);
    return 2;
  }
  if (report.shellcheck?.notice) io.stderr(logSafe(`stageguard lint: ${report.shellcheck.notice}\n`));
  if (args.format === 'json') io.stdout(jsonLogSafe(formatJson(report)));
  else if (args.format === 'sarif' && render) io.stdout(jsonLogSafe(render(report, rules)));
  else if (render) io.stdout(logSafe(render(report, rules)));
  else io.stdout(logSafe(formatText(report)));
  const threshold: FailOn = args.failOn ?? config.failOn ?? 'error';
  const gated = args.onlyNew ? onlyNewFindings(report.files) : report.files;
  const failing = gated.some(f => f.violations.some(v => atOrAbove(v.severity, threshold)));
  return failing ? 1 : 0;
}
