import type * as Sarif from 'sarif';
import type { Finding, LintReport, Rule, Severity } from '../lint/rule';
import { ruleDocUrl } from '../lint/ruleDocs';
import { ruleById } from '../lint/rules';
import { severityRank } from '../severity';
import { stripControl } from './escape';

/** SARIF levels GitHub code scanning understands; `info` and `style` are notes. */
const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

const INFO_URI = 'https://github.com/stageguard/stageguard#rules';

/**
 * Code scanning rejects a run with more results than this (https://docs.github.com/code-security/code-scanning/
 * troubleshooting-sarif-uploads/results-exceed-limit): past it, the most severe results are written and the run
 * says how many were left out.
 */
export const SARIF_MAX_RESULTS = 25_000;

/** Pure: the report's note when a SARIF file of `total` findings had to leave some out, else null. */
export function sarifCapNote(total: number, max = SARIF_MAX_RESULTS): string | null {
  if (total <= max) return null;
  return `The SARIF file holds the ${max.toLocaleString('en-US')} most severe of ${total.toLocaleString('en-US')} findings: code scanning accepts at most ${max.toLocaleString('en-US')} results per run. Every finding is in the JSON report.`;
}

/** A path as a SARIF artifact URI: relative to the checkout, forward slashes, each segment percent-encoded. */
export function artifactUri(p: string): string {
  return p
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

function descriptor(rule: Pick<Rule, 'id' | 'severity' | 'description' | 'aliases' | 'scorecard' | 'help'>): Sarif.ReportingDescriptor {
  const help = rule.help ?? rule.description;
  const aliases = rule.aliases.map(a => `hadolint:${a}`);
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    help: { text: stripControl(help), markdown: help },
    // a registered rule has its own page in docs/rules; others (parse-error, image findings) the README's rule list
    helpUri: ruleById(rule.id) ? ruleDocUrl(rule.id) : INFO_URI,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['dockerfile', ...(rule.scorecard ? ['multi-stage-scorecard'] : []), ...aliases],
      ...(rule.aliases.length ? { aliases: [...rule.aliases] } : {})
    }
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): one run, tool.driver with every rule
 * of the registry (passed in, plus any rule id only seen in findings such as `parse-error` or image rules), one
 * result per finding with a relative URI and a region. Columns are 1-based and endColumn is exclusive in both
 * stageguard and SARIF (§3.30.6), so they map as they are.
 */
export function renderSarif(lint: LintReport, rules: readonly Rule[], extra: { path: string; finding: Finding }[] = [], version = '0.0.0', maxResults = SARIF_MAX_RESULTS): string {
  const every: { path: string; finding: Finding }[] = [
    ...lint.files.flatMap(f => f.violations.map(finding => ({ path: f.path, finding }))),
    ...extra
  ];
  // over code scanning's limit: the most severe first (a stable sort keeps the files' order within a severity)
  const all = every.length > maxResults ? [...every].sort((a, b) => severityRank(a.finding.severity) - severityRank(b.finding.severity)).slice(0, maxResults) : every;
  const capNote = sarifCapNote(every.length, maxResults);
  const descriptors: Sarif.ReportingDescriptor[] = [...rules].sort((a, b) => a.id.localeCompare(b.id)).map(descriptor);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  for (const { finding } of all) {
    if (!index.has(finding.rule)) {
      index.set(finding.rule, descriptors.length);
      descriptors.push(
        descriptor({ id: finding.rule, severity: finding.severity, description: `stageguard ${finding.rule}`, aliases: finding.aliases })
      );
    }
  }
  const results: Sarif.Result[] = all.map(({ path, finding: f }) => {
    const startLine = Math.max(1, f.line || 1);
    const startColumn = Math.max(1, f.column || 1);
    const endLine = Math.max(startLine, f.endLine || startLine);
    const endColumn = endLine === startLine ? Math.max(startColumn + 1, f.endColumn || startColumn + 1) : Math.max(1, f.endColumn || 1);
    return {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule)!,
      level: LEVEL[f.severity],
      message: { text: stripControl(f.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(path), uriBaseId: '%SRCROOT%' },
            region: { startLine, startColumn, endLine, endColumn }
          }
        }
      ],
      partialFingerprints: { 'stageguard/v1': `${f.rule}:${artifactUri(path)}:${f.stage ?? 'file'}:${stripControl(f.message).slice(0, 80)}` },
      ...(f.aliases.length ? { properties: { aliases: f.aliases } } : {})
    };
  });
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'stageguard', semanticVersion: version, informationUri: INFO_URI.replace(/#.*/, ''), rules: descriptors } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository checkout.' } } },
        ...(capNote ? { invocations: [{ executionSuccessful: true, toolExecutionNotifications: [{ level: 'warning' as const, message: { text: capNote } }] }] } : {}),
        results
      }
    ]
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
