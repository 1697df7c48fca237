import { dirname, isAbsolute, resolve } from 'node:path';
import { loadDockerfile, readDockerignore } from '../dockerfile/read';
import type { DockerfileModel } from '../dockerfile/model';
import type { Config, SeverityOverride } from '../config/config';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from './findings';
import { applyPragmas, readPragmas } from './pragmas';
import type { FileLintResult, Finding, LintReport, Rule, RuleContext, ScorecardEntry, Severity } from './rule';
import { SEVERITIES, severityRank } from './rule';
import { rules as registry } from './rules';

/** The seven scorecard checks, in the order the issue lists them (and reports show them). */
export const SCORECARD_CHECKS = ['multi-stage', 'slim-base', 'non-root-user', 'layer-caching', 'healthcheck', 'pip-no-cache-dir', 'copy-from-stage'] as const;

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

/** Lints one parsed Dockerfile: parse problems, every rule, config, pragmas, then the scorecard. */
export function lintModel(model: DockerfileModel, ctx: RuleContext, config: Config, rules: readonly Rule[] = registry): FileLintResult {
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
  const byRule = new Map<string, Finding[]>();
  if (model.stages.length > 0) {
    for (const rule of rules) {
      const found = runRuleOnModel(rule, model, ctx);
      byRule.set(rule.id, found);
      raw.push(...found);
    }
  }
  const configured: Finding[] = [];
  for (const f of raw) {
    const kept = f.rule === PARSE_ERROR_RULE.id ? f : applyConfig(f, model.path, config);
    if (kept) configured.push(kept);
  }
  const violations = applyPragmas(configured, readPragmas(model)).sort(
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

/** Lints files (paths relative to cwd or absolute). One unreadable or broken file never stops the others. */
export async function lintFiles(
  paths: string[],
  opts: { cwd: string; config: Config; rules?: readonly Rule[]; /** Receives each parsed model (the build step reuses them). */ onModel?: (model: DockerfileModel) => void }
): Promise<LintReport> {
  const results: FileLintResult[] = [];
  for (const p of paths) {
    const abs = isAbsolute(p) ? p : resolve(opts.cwd, p);
    const settings = opts.config.dockerfiles[p.replace(/^\.\//, '')];
    const ctx: RuleContext = {
      ...DEFAULT_RULE_CONTEXT,
      trustedRegistries: opts.config.trustedRegistries,
      targets: settings?.targets
    };
    const model = loadDockerfile(abs, p, opts.cwd);
    const ignore = readDockerignore(abs, settings?.context ? resolve(opts.cwd, settings.context) : dirname(abs), opts.cwd);
    ctx.dockerignore = ignore;
    // the build would read it too: a refused .dockerignore is this Dockerfile's problem, and it is not built
    if (ignore.problem) model.problems.push({ message: ignore.problem, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } });
    opts.onModel?.(model);
    results.push(lintModel(model, ctx, opts.config, opts.rules));
  }
  return summarize(results);
}
