/**
 * The documentation page of each rule (`docs/rules/<id>.md`): where reports link to, and how a page is written from
 * the rule's own metadata (description, severity, aliases, help) and its bad and good examples. Pure; a test checks
 * that every page in docs/rules is exactly what `renderRulePage` makes of the registry.
 */
import type { Rule } from './rule';

/** Where the pages are published: the repository's docs/rules folder on the default branch. */
export const RULE_DOCS_BASE = 'https://github.com/stageguard/stageguard/blob/main/docs/rules';

export const ruleDocUrl = (id: string): string => `${RULE_DOCS_BASE}/${encodeURIComponent(id)}.md`;

export interface RuleExamples {
  bad: string;
  good: string;
}

const fence = (code: string): string => `\`\`\`dockerfile\n${code}\n\`\`\``;

/** The markdown page of one rule. */
export function renderRulePage(rule: Rule, examples: RuleExamples): string {
  const aliases = rule.aliases.length
    ? rule.aliases.map(a => (/^DL\d{4}$/.test(a) ? `[${a}](https://github.com/hadolint/hadolint/wiki/${a}) (hadolint)` : `\`${a}\``)).join(', ')
    : 'none';
  const lines = [
    `# ${rule.id}`,
    '',
    rule.description,
    '',
    `- Severity: \`${rule.severity}\`${rule.offByDefault ? ' (off unless the config gives it a severity)' : ''}`,
    `- Aliases: ${aliases}`,
    ...(rule.scorecard ? ['- Part of the multi-stage scorecard'] : []),
    '',
    '## Why',
    '',
    rule.help ?? rule.description,
    '',
    '## Bad',
    '',
    fence(examples.bad),
    '',
    '## Good',
    '',
    fence(examples.good),
    '',
    '## Silence it',
    '',
    `One instruction: \`# stageguard ignore=${rule.id}\`${rule.aliases[0] ? ` (or \`# hadolint ignore=${rule.aliases[0]}\`)` : ''} on the line before it. ` +
      `Everywhere: \`ignored: [${rule.id}]\` in .stageguard.yml, or another severity with \`severity: { ${rule.id}: info }\`.`,
    ''
  ];
  return lines.join('\n');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|');

/** The README's rule table: every rule with its severity, aliases and page. */
export function renderRuleTable(rules: readonly Rule[]): string {
  const rows = rules.map(
    r =>
      `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity}${r.offByDefault ? ' (off)' : ''} | ${r.aliases.join(', ') || '–'} | ${r.scorecard ? 'yes' : ''} | ${cell(r.description)} |`
  );
  return ['| Rule | Default severity | hadolint | Scorecard | What it checks |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README's hadolint map: each DL code, in order, and the stageguard rule that carries it. */
export function renderHadolintMap(rules: readonly Rule[]): string {
  const pairs = rules.flatMap(r => r.aliases.filter(a => /^DL\d{4}$/.test(a)).map(a => [a, r] as const)).sort((a, b) => a[0].localeCompare(b[0]));
  const rows = pairs.map(([code, r]) => `| ${code} | [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.severity}${r.offByDefault ? ' (off)' : ''} |`);
  return ['| hadolint | stageguard rule | Default severity |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in `doc`. */
export function replaceBetweenMarkers(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i < 0 || j < i) return doc;
  return `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
}
