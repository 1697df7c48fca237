import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { BUILDKIT_CHECKS } from '../../src/lint/buildkit';
import { SEVERITIES } from '../../src/lint/rule';
import { ruleById, rules } from '../../src/lint/rules';

const RULES_DIR = join(__dirname, '..', '..', 'src', 'lint', 'rules');
const TESTS_DIR = join(__dirname, 'rules');
const ruleFiles = readdirSync(RULES_DIR)
  .filter(f => f.endsWith('.ts') && f !== 'index.ts')
  .map(f => f.replace(/\.ts$/, ''));

describe('the rule registry', () => {
  it.each(ruleFiles)('registers the rule file %s under its own id', id => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(RULES_DIR, id)) as { rule?: { id: string } };
    expect(mod.rule?.id).toBe(id);
    expect(ruleById(id)).toBe(mod.rule);
  });

  it.each(ruleFiles)('has a table test for the rule %s', id => {
    expect(existsSync(join(TESTS_DIR, `${id}.test.ts`))).toBe(true);
  });

  it('lists every rule file and nothing else', () => {
    expect(rules.map(r => r.id).sort()).toEqual([...ruleFiles].sort());
  });

  it('is sorted by id with unique ids', () => {
    const ids = rules.map(r => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives every rule a valid severity, a description and aliases that are hadolint codes or Docker build check names', () => {
    for (const r of rules) {
      expect(SEVERITIES).toContain(r.severity);
      expect(r.description.length).toBeGreaterThan(10);
      for (const a of r.aliases) expect(/^DL\d{4}$/.test(a) || BUILDKIT_CHECKS.has(a)).toBe(true);
    }
  });

  it('marks exactly the seven scorecard checks', () => {
    expect(rules.filter(r => r.scorecard).map(r => r.id).sort()).toEqual(
      ['copy-from-stage', 'healthcheck', 'layer-caching', 'multi-stage', 'non-root-user', 'pip-no-cache-dir', 'slim-base']
    );
  });
});
