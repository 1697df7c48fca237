import { loadConfig, type FailOn, type LintConfig } from '../lint/config';
import { discoverDockerfiles } from '../lint/discover';
import { atOrAbove, lintFiles, PARSE_ERROR_RULE } from '../lint/engine';
import { renderLintMarkdown } from '../report/markdown';
import { renderSarif } from '../report/sarif';
import { formatJson, formatText } from '../lint/format';
import type { LintReport, Rule } from '../lint/rule';
import { SEVERITIES } from '../lint/rule';
import { rules } from '../lint/rules';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

export type LintFormat = 'text' | 'json' | 'sarif' | 'markdown';

export interface LintArgs {
  paths: string[];
  format: LintFormat;
  config?: string;
  failOn?: FailOn;
  help: boolean;
}

export const LINT_USAGE = `usage: stageguard lint [paths or globs...] [--format text|json|sarif|markdown] [--config FILE] [--fail-on error|warning|info|none]

Lints Dockerfiles (default: Dockerfile, *.Dockerfile, Dockerfile.* below the working directory).
Exit status: 0 clean, 1 findings at or above --fail-on (default error), 2 usage or config error.
`;

const FORMATS: readonly string[] = ['text', 'json', 'sarif', 'markdown'];
const FAIL_ON: readonly string[] = [...SEVERITIES, 'none'];

/** Parses `lint` arguments. Pure; throws an Error with a usage message on bad input. */
export function parseLintArgs(argv: string[]): LintArgs {
  const out: LintArgs = { paths: [], format: 'text', help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    if (name === '--format' || name === '-f') {
      const v = value();
      if (!FORMATS.includes(v)) throw new Error(`--format must be one of ${FORMATS.join('|')}, got ${v}`);
      out.format = v as LintFormat;
    } else if (name === '--config' || name === '-c') out.config = value();
    else if (name === '--fail-on') {
      const v = value();
      if (!FAIL_ON.includes(v)) throw new Error(`--fail-on must be one of ${FAIL_ON.join('|')}, got ${v}`);
      out.failOn = v as FailOn;
    } else if (name === '--help' || name === '-h') out.help = true;
    else if (a === '--') out.paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') throw new Error(`unknown option ${a}`);
    else out.paths.push(a);
  }
  return out;
}

type Renderer = (report: LintReport, ruleList: readonly Rule[]) => string;

const RENDERERS: Record<'sarif' | 'markdown', Renderer> = {
  sarif: (r, ruleList) => renderSarif(r, [PARSE_ERROR_RULE, ...ruleList]),
  markdown: r => renderLintMarkdown(r)
};

/** `stageguard lint`: returns the exit status (0 clean, 1 findings at or above --fail-on, 2 usage/config error). */
export async function lintCommand(argv: string[], io: CliIo): Promise<number> {
  let args: LintArgs;
  try {
    args = parseLintArgs(argv);
  } catch (e) {
    io.stderr(`stageguard lint: ${(e as Error).message}\n${LINT_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(LINT_USAGE);
    return 0;
  }
  let config: LintConfig;
  try {
    config = loadConfig({ cwd: io.cwd, configFile: args.config });
  } catch (e) {
    io.stderr(`stageguard lint: config error: ${(e as Error).message}\n`);
    return 2;
  }
  let render: Renderer | undefined;
  if (args.format === 'sarif' || args.format === 'markdown') {
    render = RENDERERS[args.format];
  }
  const found = await discoverDockerfiles(args.paths, io.cwd);
  for (const u of found.unmatched) io.stderr(`stageguard lint: no Dockerfile matches ${u}\n`);
  if (args.paths.length > 0 && found.files.length === 0) return 2;
  if (found.files.length === 0) io.stderr('stageguard lint: no Dockerfile found below the working directory\n');
  const report = await lintFiles(found.files, { cwd: io.cwd, config });
  if (args.format === 'json') io.stdout(formatJson(report));
  else if (render) io.stdout(render(report, rules));
  else io.stdout(formatText(report));
  const threshold: FailOn = args.failOn ?? config.failOn ?? 'error';
  const failing = report.files.some(f => f.violations.some(v => atOrAbove(v.severity, threshold)));
  return failing ? 1 : 0;
}
