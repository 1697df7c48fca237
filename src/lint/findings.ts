import type { DockerfileModel, Range } from '../dockerfile/model';
import type { Finding, Rule, RuleContext, RuleReport } from './rule';

/** The stage whose lines contain `line`; null before the first FROM. */
export function stageAtLine(model: DockerfileModel, line: number): number | null {
  for (let i = model.stages.length - 1; i >= 0; i--) if (model.stages[i].range.line <= line) return i;
  return null;
}

function toFinding(rule: Rule, model: DockerfileModel, report: RuleReport): Finding {
  const range: Range = report.range;
  return {
    rule: rule.id,
    aliases: report.aliases ?? rule.aliases,
    severity: report.severity ?? rule.severity,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    stage: report.stage !== undefined ? report.stage : stageAtLine(model, range.line),
    message: report.message
  };
}

export const DEFAULT_RULE_CONTEXT: RuleContext = { trustedRegistries: [] };

/**
 * Runs one rule's check and fills in id, default severity and aliases, as the engine does.
 * A rule must not throw; if one does anyway, the file still gets linted and the crash becomes a finding.
 */
export function runRuleOnModel(rule: Rule, model: DockerfileModel, ctx: RuleContext): Finding[] {
  let reports: RuleReport[];
  try {
    reports = rule.check(model, ctx);
  } catch (e) {
    return [
      {
        rule: rule.id,
        aliases: [],
        severity: 'warning',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        stage: null,
        message: `internal error in rule ${rule.id}: ${(e as Error).message}`
      }
    ];
  }
  const out: Finding[] = [];
  for (const rep of reports) out.push(toFinding(rule, model, rep));
  return out;
}
