import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { applyHadolintConfig, emptyConfig, type Config } from '../../src/config/config';
import { lintModel } from '../../src/lint/engine';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../src/lint/findings';
import type { Finding, Rule, RuleContext } from '../../src/lint/rule';
import { rules as registry } from '../../src/lint/rules';

/** One case of hadolint's own spec (`test/Hadolint/Rule/DL*Spec.hs`), carried over as table data. */
export interface HadolintCase {
  code: string;
  /** `DL3008Spec.hs:24`: where the case is in hadolint's tests. */
  spec: string;
  /** The spec's `it "..."` sentence. */
  name: string;
  /** hadolint reports the code (`ruleCatches`) or does not (`ruleCatchesNot`). */
  catches: boolean;
  /** Exactly this many findings (otherwise at least one). */
  count?: number;
  /** hadolint's `onBuildRuleCatches`: every RUN is wrapped in ONBUILD. */
  onbuild?: boolean;
  /** hadolint config of the case: `trustedRegistries`, `label-schema`, `strict-labels`. */
  config?: { trustedRegistries?: string[]; labelSchema?: Record<string, string>; strictLabels?: boolean };
  dockerfile: string;
}

const FIXTURE = join(__dirname, '..', 'fixtures', 'hadolint-spec', 'cases.json');
let loaded: HadolintCase[] | undefined;

export function hadolintCases(code?: string): HadolintCase[] {
  loaded ??= (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: HadolintCase[] }).cases;
  return code === undefined ? loaded : loaded.filter(c => c.code === code);
}

/** hadolint's schema type names (`Rule.Rfc3339`) as its config file spells them (`rfc3339`). */
const SCHEMA_TYPE: Record<string, string> = { RawText: 'text', Url: 'url', Spdx: 'spdx', GitHash: 'hash', Rfc3339: 'rfc3339', SemVer: 'semver', Email: 'email' };

/**
 * The Dockerfile hadolint's case stands for: a fragment without FROM gets a neutral `FROM scratch` first (hadolint
 * lints fragments; stageguard needs a stage), and an ONBUILD case wraps each RUN in ONBUILD as hadolint's helper does.
 */
export function caseDockerfile(c: HadolintCase): string {
  let text = c.dockerfile;
  if (c.onbuild) {
    const model = parseDockerfile('Dockerfile', text);
    const lines = text.split('\n');
    for (const inst of [...model.instructions].reverse()) {
      if (inst.keyword !== 'RUN') continue;
      const l = inst.keywordRange.line - 1;
      const col = inst.keywordRange.column - 1;
      lines[l] = `${lines[l].slice(0, col)}ONBUILD ${lines[l].slice(col)}`;
    }
    text = lines.join('\n');
  }
  if (!/^\s*FROM\s/im.test(text)) text = `FROM scratch\n${text}`;
  return text;
}

/** The config the case runs with, read through the `.hadolint.yaml` reader as a user's file would be. */
export function caseConfig(c: HadolintCase): Config {
  const config = emptyConfig();
  const doc: Record<string, unknown> = {};
  if (c.config?.trustedRegistries) doc.trustedRegistries = c.config.trustedRegistries;
  if (c.config?.labelSchema) doc['label-schema'] = Object.fromEntries(Object.entries(c.config.labelSchema).map(([k, v]) => [k, SCHEMA_TYPE[v] ?? v]));
  if (c.config?.strictLabels) doc['strict-labels'] = true;
  applyHadolintConfig(config, '.hadolint.yaml', doc);
  return config;
}

function caseContext(config: Config): RuleContext {
  return { ...DEFAULT_RULE_CONTEXT, trustedRegistries: config.trustedRegistries, labelSchema: config.labelSchema, strictLabels: config.strictLabels };
}

/** Findings carrying the case's DL code, from the whole engine (config, pragmas) or from one rule. */
export function caseFindings(c: HadolintCase, rule?: Rule): Finding[] {
  const model = parseDockerfile('Dockerfile', caseDockerfile(c));
  const config = caseConfig(c);
  const found = rule ? runRuleOnModel(rule, model, caseContext(config)) : lintModel(model, caseContext(config), config, registry).violations;
  return found.filter(f => f.aliases.includes(c.code));
}

/** Whether stageguard agrees with hadolint on the case. */
export function agrees(c: HadolintCase, found: Finding[]): boolean {
  if (!c.catches) return found.length === 0;
  return c.count !== undefined ? found.length === c.count : found.length > 0;
}

/**
 * Table tests from hadolint's spec cases for `code`, run on the engine with every rule (pragmas and config apply, as
 * in hadolint). `differs` lists the cases (by their spec location) where stageguard deliberately disagrees, with why:
 * those are asserted to disagree, so a list entry cannot go stale.
 */
export function hadolintSpecCases(code: string, differs: Record<string, string> = {}): void {
  const cases = hadolintCases(code).map((c, i) => ({ ...c, i, title: `${c.spec} ${c.name}`, reason: differs[c.spec] }));
  describe(`hadolint's ${code} spec`, () => {
    it('has cases', () => {
      expect(cases.length).toBeGreaterThan(0);
      for (const spec of Object.keys(differs)) expect(cases.map(c => c.spec)).toContain(spec);
    });
    it.each(cases)('agrees with hadolint on $title (#$i)', c => {
      expect(agrees(c, caseFindings(c))).toBe(c.reason === undefined);
    });
  });
}
