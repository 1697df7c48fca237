import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHadolintMap, renderRulePage, renderRuleTable, replaceBetweenMarkers, ruleDocUrl, type RuleExamples } from '../../src/lint/ruleDocs';
import type { Rule, RuleContext } from '../../src/lint/rule';
import { rules } from '../../src/lint/rules';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../src/lint/findings';

const DOCS = join(__dirname, '..', '..', 'docs', 'rules');
const examples = JSON.parse(readFileSync(join(DOCS, 'examples.json'), 'utf8')) as Record<string, RuleExamples>;
// `UPDATE_RULE_DOCS=1 npx jest ruleDocs` rewrites the pages from the registry
const update = process.env.UPDATE_RULE_DOCS === '1';

/** The context an example states in its first comment line (`# label-schema: { version: semver }`...). */
function exampleContext(id: string, code: string, which: 'bad' | 'good'): Partial<RuleContext> {
  const first = code.split('\n', 1)[0];
  const ctx: Partial<RuleContext> = {};
  const schema = /label-schema: \{ ([^}]+) \}/.exec(first);
  if (schema) ctx.labelSchema = Object.fromEntries(schema[1].split(',').map(p => p.split(':').map(s => s.trim()) as [string, string]));
  if (/strict-labels: true/.test(first)) ctx.strictLabels = true;
  const trusted = /trustedRegistries: \[([^\]]+)\]/.exec(first);
  if (trusted) ctx.trustedRegistries = trusted[1].split(',').map(s => s.trim());
  const ignore = /\.dockerignore: (.+)$/.exec(first);
  if (ignore) ctx.dockerignore = { exists: true, lines: ignore[1].split(',').map(s => s.trim()) };
  if (id === 'dockerignore-missing') ctx.dockerignore = which === 'bad' ? { exists: false, lines: [] } : { exists: true, lines: ['.git', 'node_modules'] };
  return ctx;
}

// examples may show a file the parser also objects to (instruction-order's LABEL before FROM)
const run = (rule: Rule, code: string, ctx: Partial<RuleContext>) => runRuleOnModel(rule, parseDockerfile('Dockerfile', code), { ...DEFAULT_RULE_CONTEXT, ...ctx });

describe('the rule pages in docs/rules', () => {
  it.each(rules.map(r => [r.id, r] as const))('has the page of %s as the registry writes it', (id, rule) => {
    expect(examples[id]).toBeDefined();
    const page = renderRulePage(rule, examples[id]);
    const file = join(DOCS, `${id}.md`);
    if (update) writeFileSync(file, page);
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '(missing)').toBe(page);
  });

  it.each(rules.map(r => [r.id, r] as const))('shows a bad example that %s reports and a good one it accepts', (id, rule) => {
    const { bad, good } = examples[id];
    expect(run(rule, bad, exampleContext(id, bad, 'bad')).length).toBeGreaterThan(0);
    expect(run(rule, good, exampleContext(id, good, 'good'))).toEqual([]);
  });

  it('has no page or example for a rule that is not registered', () => {
    const ids = new Set(rules.map(r => r.id));
    expect(readdirSync(DOCS).filter(f => f.endsWith('.md') && !ids.has(f.replace(/\.md$/, '')))).toEqual([]);
    expect(Object.keys(examples).filter(k => !ids.has(k))).toEqual([]);
  });

  it('links each rule to its page', () => {
    expect(ruleDocUrl('pip-no-cache-dir')).toBe('https://github.com/stageguard/stageguard/blob/main/docs/rules/pip-no-cache-dir.md');
  });
});

describe("the README's rule tables", () => {
  const file = join(__dirname, '..', '..', 'README.md');
  it('lists every rule and every DL code as the registry has them', () => {
    let readme = readFileSync(file, 'utf8');
    const expected = replaceBetweenMarkers(replaceBetweenMarkers(readme, 'rule-table', renderRuleTable(rules)), 'hadolint-map', renderHadolintMap(rules));
    if (update) writeFileSync(file, (readme = expected));
    expect(readme).toBe(expected);
    expect(readme).toContain('<!-- hadolint-map:start -->\n| hadolint | stageguard rule |');
  });

  it('maps each of hadolint\'s DL codes to exactly one rule', () => {
    const codes = rules.flatMap(r => r.aliases.filter(a => /^DL\d{4}$/.test(a)));
    expect(new Set(codes).size).toBe(codes.length);
    // hadolint has 71 rules (DL1001-DL4006, DL3060-DL3067 included)
    expect(codes.length).toBeGreaterThanOrEqual(71);
  });
});
