import { parseDockerfile } from '../../src/dockerfile/parse';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../src/lint/findings';
import type { Finding, Rule, RuleContext } from '../../src/lint/rule';

/** Parses `dockerfile`, runs `rule` on it and returns its findings with id/severity/aliases filled like the engine. */
export function runRule(rule: Rule, dockerfile: string, ctx: Partial<RuleContext> = {}): Finding[] {
  const model = parseDockerfile('Dockerfile', dockerfile);
  if (model.problems.length > 0) {
    throw new Error(`test Dockerfile does not parse cleanly: ${model.problems.map(p => `${p.range.line}: ${p.message}`).join('; ')}`);
  }
  return runRuleOnModel(rule, model, { ...DEFAULT_RULE_CONTEXT, ...ctx });
}

export interface InvalidCase {
  code: string;
  /** 1-based lines of the expected findings, in order (one entry per finding). */
  lines: number[];
  /** When given, every finding carries exactly these aliases. */
  aliases?: string[];
  ctx?: Partial<RuleContext>;
  name?: string;
}
export type ValidCase = string | { code: string; ctx?: Partial<RuleContext>; name?: string };

function firstLine(code: string): string {
  const l = code.split('\n').find(x => x.trim() !== '' && !x.startsWith('#')) ?? '';
  return l.length > 60 ? `${l.slice(0, 57)}...` : l;
}

/**
 * ESLint RuleTester style: every valid case yields no finding; every invalid case yields findings exactly at the
 * given lines (and with the given aliases). Generates one `it` per case inside a `describe` named after the rule.
 */
export function ruleCases(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`rule ${rule.id}`, () => {
    const valid = cases.valid.map((v, i) => (typeof v === 'string' ? { code: v, ctx: undefined, name: undefined, i } : { ...v, i }));
    it.each(valid)('accepts valid case #$i', ({ code, ctx }) => {
      expect(runRule(rule, code, ctx)).toEqual([]);
    });
    const invalid = cases.invalid.map((c, i) => ({ ...c, i, title: c.name ?? firstLine(c.code) }));
    if (invalid.length > 0) it.each(invalid)('reports invalid case #$i ($title) at the expected lines', ({ code, lines, aliases, ctx }) => {
      const findings = runRule(rule, code, ctx);
      expect(findings.map(f => f.line)).toEqual(lines);
      for (const f of findings) {
        expect(f.rule).toBe(rule.id);
        expect(f.message.length).toBeGreaterThan(0);
        if (aliases) expect(f.aliases).toEqual(aliases);
      }
    });
  });
}
