import * as fs from 'fs';
import * as path from 'path';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { DEFAULT_RULE_CONTEXT, runRuleOnModel } from '../../src/lint/findings';
import type { Finding } from '../../src/lint/rule';
import { rules } from '../../src/lint/rules';

// The 382 public Dockerfiles shared by the project (docker-library, awesome-compose, jessfraz...).
const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'dockerfiles');
const present = fs.existsSync(CORPUS);
if (!present) console.warn(`skipping the hadolint-rule corpus test: no corpus at ${CORPUS}`);

/** The hadolint-equivalent rules: every rule with a DL code as alias (issue 12: all of DL1001-DL4006). */
const HADOLINT_IDS = rules.filter(r => r.aliases.some(a => /^DL\d{4}$/.test(a))).map(r => r.id);

function corpusFiles(): string[] {
  return fs
    .readdirSync(CORPUS, { recursive: true })
    .map(String)
    .filter(f => fs.statSync(path.join(CORPUS, f)).isFile())
    .sort();
}

(present ? describe : describe.skip)('the hadolint-equivalent rules on the public corpus', () => {
  const files = present ? corpusFiles() : [];
  const hadolintRules = rules.filter(r => HADOLINT_IDS.includes(r.id));
  const findings = new Map<string, Finding[]>();
  beforeAll(() => {
    for (const f of files) {
      const model = parseDockerfile(f, fs.readFileSync(path.join(CORPUS, f)));
      findings.set(f, hadolintRules.flatMap(r => runRuleOnModel(r, model, DEFAULT_RULE_CONTEXT)));
    }
  });

  it('registers every hadolint-equivalent rule with its DL alias', () => {
    expect(hadolintRules.length).toBeGreaterThanOrEqual(70);
    // one DL code each; a rule that also means a BuildKit check carries that name too
    for (const r of hadolintRules) expect(r.aliases.filter(a => /^DL\d{4}$/.test(a))).toEqual([expect.stringMatching(/^DL[1-4]\d{3}$/)]);
  });

  it('lints every corpus file without an internal error', () => {
    expect(files.length).toBeGreaterThan(300);
    const crashes = [...findings.entries()].flatMap(([f, fs2]) => fs2.filter(x => x.message.startsWith('internal error')).map(x => `${f}: ${x.message}`));
    expect(crashes).toEqual([]);
  });

  it('reports every MAINTAINER line of the corpus and nothing else as maintainer-deprecated', () => {
    const expected = files.flatMap(f =>
      fs
        .readFileSync(path.join(CORPUS, f), 'utf8')
        .split(/\r?\n/)
        .flatMap((l, i) => (/^\s*MAINTAINER\s/i.test(l) ? [`${f}:${i + 1}`] : []))
    );
    const got = [...findings.entries()].flatMap(([f, fs2]) => fs2.filter(x => x.rule === 'maintainer-deprecated').map(x => `${f}:${x.line}`));
    expect(got.sort()).toEqual(expected.sort());
  });

  it('reports no missing -y, undefined stage or invalid port on the curated official images', () => {
    // docker-library Dockerfiles are maintained to these rules: a finding there is most likely a parser bug.
    const official = [...findings.entries()].filter(([f]) => f.startsWith('docker-library__'));
    const bad = official.flatMap(([f, fs2]) => fs2.filter(x => x.rule === 'apt-get-yes' || x.rule === 'copy-from-undefined-stage' || x.rule === 'valid-expose-port').map(x => `${f}:${x.line} ${x.rule}`));
    expect(bad).toEqual([]);
  });
});
