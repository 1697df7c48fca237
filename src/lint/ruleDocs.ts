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
