import type { LintReport } from './rule';

/** The issue's JSON shape, keys in this exact order. */
export function formatJson(report: LintReport): string {
  const doc = {
    files: report.files.map(f => ({
      path: f.path,
      stages: f.stages.map(s => ({ index: s.index, name: s.name, base: s.base })),
      scorecard: f.scorecard.map(c => ({ check: c.check, passed: c.passed, detail: c.detail })),
      violations: f.violations.map(v => ({
        rule: v.rule,
        aliases: v.aliases,
        severity: v.severity,
        line: v.line,
        column: v.column,
        endLine: v.endLine,
        endColumn: v.endColumn,
        stage: v.stage,
        message: v.message,
        ...(v.status !== undefined ? { status: v.status } : {})
      })),
      ...(f.fixed !== undefined ? { fixed: f.fixed } : {})
    })),
    summary: {
      files: report.summary.files,
      violations: report.summary.violations,
      bySeverity: { ...report.summary.bySeverity },
      ...(report.summary.new !== undefined ? { new: report.summary.new, existing: report.summary.existing ?? 0, fixed: report.summary.fixed ?? 0 } : {})
    }
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// Terminal text: strip control characters so a hostile Dockerfile cannot move the cursor or recolour the terminal.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const clean = (s: string): string => s.replace(CONTROL, '?');

/** `path:line:col severity [rule] message (DL...)`, then each file's scorecard, then a summary line. */
export function formatText(report: LintReport): string {
  const out: string[] = [];
  for (const f of report.files) {
    for (const v of f.violations) {
      const alias = v.aliases.length ? ` (${v.aliases.join(', ')})` : '';
      const status = v.status ? ` {${v.status}}` : '';
      out.push(`${clean(f.path)}:${v.line}:${v.column} ${v.severity} [${v.rule}] ${clean(v.message)}${alias}${status}`);
    }
    if (f.scorecard.length) {
      const passed = f.scorecard.filter(c => c.passed).length;
      out.push(`${clean(f.path)}: scorecard ${passed}/${f.scorecard.length} passed`);
      for (const c of f.scorecard) out.push(`  ${c.passed ? 'pass' : 'FAIL'}  ${c.check.padEnd(16)} ${clean(c.detail)}`);
    }
  }
  const s = report.summary;
  const counts = (Object.keys(s.bySeverity) as (keyof typeof s.bySeverity)[])
    .filter(k => s.bySeverity[k] > 0)
    .map(k => `${s.bySeverity[k]} ${k}`)
    .join(', ');
  const base = s.new !== undefined ? `; against the base: ${s.new} new, ${s.existing ?? 0} existing, ${s.fixed ?? 0} fixed` : '';
  out.push(`${s.files} file${s.files === 1 ? '' : 's'} linted, ${s.violations} finding${s.violations === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}${base}`);
  return `${out.join('\n')}\n`;
}
