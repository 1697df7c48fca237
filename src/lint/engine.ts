import { dirname, isAbsolute, resolve } from 'node:path';
import { loadDockerfile, readDockerignore } from '../dockerfile/read';
import type { DockerfileModel } from '../dockerfile/model';
import type { Config, SeverityOverride } from '../config/config';
import { applyCheckDirectives } from './buildkit';
import { runShellcheck, type ShellcheckMode } from './shellcheck';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from './findings';
import { applyPragmas, readPragmas } from './pragmas';
import type { FileLintResult, Finding, LintReport, Rule, RuleContext, ScorecardEntry, Severity } from './rule';
import { SEVERITIES, severityRank } from './rule';
import { rules as registry } from './rules';
import { ownValue } from '../own';

/** The seven scorecard checks, in the order the issue lists them (and reports show them). */
export const SCORECARD_CHECKS = ['multi-stage', 'slim-base', 'non-root-user', 'layer-caching', 'healthcheck', 'pip-no-cache-dir', 'copy-from-stage'] as const;

const SCORECARD_IDS: ReadonlySet<string> = new Set(SCORECARD_CHECKS);

const PASS_DETAIL: Record<(typeof SCORECARD_CHECKS)[number], (m: DockerfileModel) => string> = {
  'multi-stage': m => (m.stages.length > 1 ? `${m.stages.length} stages` : 'single stage without build tools'),
  'slim-base': m => `final base ${m.stages[m.stages.length - 1]?.base.resolved ?? '-'}`,
  'non-root-user': () => 'the final stage runs as a non-root USER',
  'layer-caching': () => 'dependencies are installed before the source is copied',
  healthcheck: () => 'the final stage declares a HEALTHCHECK',
  'pip-no-cache-dir': () => 'no pip install keeps its cache',
  'copy-from-stage': () => 'the final stage copies its artifacts from earlier stages'
};

/** Describes the engine-made `parse-error` finding, for SARIF rule metadata and docs. */
export const PARSE_ERROR_RULE: Rule = {
  id: 'parse-error',
  severity: 'error',
  description: 'The file cannot be read or parsed as a Dockerfile (empty, binary, not UTF-8, too large, unknown instruction, unresolvable FROM).',
  aliases: [],
  // reported by the engine from the model's problems, not by a check
  check: () => []
};

function lookup(map: Record<string, SeverityOverride>, f: Finding): SeverityOverride | undefined {
  if (map[f.rule] !== undefined) return map[f.rule];
  for (const a of f.aliases) if (map[a] !== undefined) return map[a];
  return undefined;
}

/** Config ignores and severity overrides, global then per path. Returns the finding to keep, or undefined. */
export function applyConfig(f: Finding, path: string, config: Config): Finding | undefined {
  const isIgnored = (list: string[]): boolean => list.includes(f.rule) || f.aliases.some(a => list.includes(a));
  if (isIgnored(config.ignored)) return undefined;
  let sev = lookup(config.severity, f);
  for (const o of config.overrides) {
    if (!o.matchers.some(m => m.test(path))) continue;
    if (isIgnored(o.ignored)) return undefined;
    sev = lookup(o.severity, f) ?? sev;
  }
  if (sev === 'off') return undefined;
  return sev && sev !== f.severity ? { ...f, severity: sev } : f;
}

/** Whether the config gives an off-by-default rule a severity (by id or alias, globally or for this path). */
export function enabledByConfig(rule: Rule, path: string, config: Config): boolean {
  const names = [rule.id, ...rule.aliases];
  const given = (map: Record<string, string>): boolean => names.some(n => map[n] !== undefined && map[n] !== 'off');
  return given(config.severity) || config.overrides.some(o => o.matchers.some(m => m.test(path)) && given(o.severity));
}

/**
 * Lints one parsed Dockerfile: parse problems, every rule (and `extra` findings made outside the rules, e.g. by
 * ShellCheck), config, pragmas and build-check directives, then the scorecard.
 */
export function lintModel(model: DockerfileModel, ctx: RuleContext, config: Config, rules: readonly Rule[] = registry, extra: Finding[] = []): FileLintResult {
  const raw: Finding[] = model.problems.map(p => ({
    rule: PARSE_ERROR_RULE.id,
    aliases: [],
    severity: 'error',
    line: p.range.line,
    column: p.range.column,
    endLine: p.range.endLine,
    endColumn: p.range.endColumn,
    stage: null,
    message: p.message
  }));
  // the findings of the scorecard's rules, by rule id (only those that ran)
  const byRule = new Map<string, Finding[]>();
  if (model.stages.length > 0) {
    for (const rule of rules) {
      if (rule.offByDefault && !enabledByConfig(rule, model.path, config)) continue;
      const found = runRuleOnModel(rule, model, ctx);
      if (SCORECARD_IDS.has(rule.id)) byRule.set(rule.id, found);
      for (const f of found) raw.push(f);
    }
    for (const f of extra) raw.push(f);
  }
  const configured: Finding[] = [];
  for (const f of raw) {
    const kept = f.rule === PARSE_ERROR_RULE.id ? f : applyConfig(f, model.path, config);
    if (kept) configured.push(kept);
  }
  // hadolint's `disable-ignore-pragma`: inline `# hadolint ignore=` comments are not honoured
  const kept = config.disableIgnorePragma ? configured : applyPragmas(configured, readPragmas(model));
  const violations = applyCheckDirectives(kept, model, ctx.buildkitCheck).sort(
    (a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule)
  );
  const scorecard: ScorecardEntry[] = [];
  if (model.stages.length > 0) {
    for (const check of SCORECARD_CHECKS) {
      const found = byRule.get(check);
      if (!found) continue;
      if (found.length === 0) {
        scorecard.push({ check, passed: true, detail: PASS_DETAIL[check](model) });
        continue;
      }
      const shown = violations.find(v => v.rule === check);
      scorecard.push(
        shown
          ? { check, passed: false, detail: `line ${shown.line}: ${shown.message}` }
          : { check, passed: true, detail: `suppressed by config or pragma: ${found[0].message}` }
      );
    }
  }
  return {
    path: model.path,
    stages: model.stages.map(s => ({ index: s.index, name: s.name ?? null, base: s.base.resolved })),
    scorecard,
    violations
  };
}

export function summarize(files: FileLintResult[]): LintReport {
  const bySeverity = Object.fromEntries(SEVERITIES.map(s => [s, 0])) as Record<Severity, number>;
  let violations = 0;
  for (const f of files)
    for (const v of f.violations) {
      bySeverity[v.severity]++;
      violations++;
    }
  return { files, summary: { files: files.length, violations, bySeverity } };
}

/** `NAME=value` lines as a map (a bare `NAME` takes its value from the environment in buildx: unknown here, so skipped). */
export function buildArgValues(lines: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const eq = l.indexOf('=');
    if (eq > 0) out[l.slice(0, eq).trim()] = l.slice(eq + 1);
  }
  return out;
}

/** What the rules of one Dockerfile see: trusted registries, targets and the .dockerignore of its build context. */
export function ruleContextFor(p: string, cwd: string, config: Config, buildArgs: readonly string[] = []): RuleContext {
  const abs = isAbsolute(p) ? p : resolve(cwd, p);
  const settings = ownValue(config.dockerfiles, p.replace(/^\.\//, ''));
  return {
    ...DEFAULT_RULE_CONTEXT,
    trustedRegistries: config.trustedRegistries,
    targets: settings?.targets,
    labelSchema: config.labelSchema,
    strictLabels: config.strictLabels,
    buildArgs: buildArgValues([...buildArgs]),
    dockerignore: readDockerignore(abs, settings?.context ? resolve(cwd, settings.context) : dirname(abs), cwd)
  };
}

/** Lints parsed Dockerfiles: ShellCheck over all their RUN scripts at once (per `shellcheck`), then each file. */
export async function lintLoaded(
  loaded: { model: DockerfileModel; ctx: RuleContext }[],
  config: Config,
  opts: { rules?: readonly Rule[]; shellcheck?: ShellcheckMode } = {}
): Promise<LintReport> {
  const mode = opts.shellcheck ?? 'off';
  const sc = await runShellcheck(
    loaded.map(l => l.model).filter(m => m.stages.length > 0),
    mode
  );
  const report = summarize(loaded.map(l => lintModel(l.model, l.ctx, config, opts.rules, sc.findings.get(l.model.path))));
  if (mode !== 'off') report.shellcheck = { ran: sc.ran, version: sc.version, scripts: sc.scripts, notice: sc.notice };
  return report;
}

/** The value of a `BUILDKIT_DOCKERFILE_CHECK=...` build argument (the last one wins), if any. Pure. */
export function buildkitCheckArg(buildArgs: readonly string[]): string | undefined {
  let value: string | undefined;
  for (const a of buildArgs) if (a.startsWith('BUILDKIT_DOCKERFILE_CHECK=')) value = a.slice('BUILDKIT_DOCKERFILE_CHECK='.length);
  return value;
}

/** Lints files (paths relative to cwd or absolute). One unreadable or broken file never stops the others. */
export async function lintFiles(
  paths: string[],
  opts: {
    cwd: string;
    config: Config;
    rules?: readonly Rule[];
    /** Receives each parsed model (the build step reuses them). */
    onModel?: (model: DockerfileModel) => void;
    /** ShellCheck over RUN scripts; default off here (the action and the CLI default to auto). */
    shellcheck?: ShellcheckMode;
    /** The build's `KEY=VALUE` arguments: FROM is read with these values, and `BUILDKIT_DOCKERFILE_CHECK` replaces the files' `# check=` as in BuildKit. */
    buildArgs?: readonly string[];
  }
): Promise<LintReport> {
  const checkArg = buildkitCheckArg(opts.buildArgs ?? []);
  const loaded: { model: DockerfileModel; ctx: RuleContext }[] = [];
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(opts.cwd, p);
    const model = loadDockerfile(abs, p, opts.cwd);
    const ctx: RuleContext = { ...ruleContextFor(p, opts.cwd, opts.config, opts.buildArgs), buildkitCheck: checkArg };
    // the build would read it too: a refused .dockerignore is this Dockerfile's problem, and it is not built
    const problem = (ctx.dockerignore as { problem?: string } | undefined)?.problem;
    if (problem) model.problems.push({ message: problem, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    opts.onModel?.(model);
    loaded.push({ model, ctx });
  }
  return lintLoaded(loaded, opts.config, opts);
}
