/**
 * Every rule is linear in the Dockerfile (issue point 5): 100,000 instructions of the shapes that made rules
 * quadratic are parsed once (beforeAll, with time to spare on a shared machine), then every rule runs on them within
 * jest's default timeout. No timed assertion beyond that: the rules are linear by construction (bounded path work,
 * maps instead of scans).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyConfig } from '../../src/config/config';
import { lintFiles } from '../../src/lint/engine';
import { runScripts } from '../../src/lint/shellcheck';
import { parseDockerfile } from '../../src/dockerfile/parse';
import type { DockerfileModel } from '../../src/dockerfile/model';
import { DEFAULT_RULE_CONTEXT } from '../../src/lint/findings';
import { rules } from '../../src/lint/rules';

export const SCALE_SHAPES: Record<string, (i: number) => string> = {
  // 100,000 nested WORKDIRs: a 200 KB working directory if it were followed
  'nested WORKDIRs': () => 'WORKDIR a',
  // every RUN deletes what a COPY added: one lookup per deletion
  'COPY then rm': i => (i % 2 ? `RUN rm -rf /x/f${i - 1}` : `COPY f${i} /x/`),
  'ENV and ARG chains': i => (i % 2 ? `ENV A${i}=$A${i - 1}` : `ARG A${i}=x`)
};

/** 100,000 for the shape the issue timed (103 s for 40,000 before); the parser is the cost of the others, so fewer. */
const COUNT: Record<string, number> = { 'nested WORKDIRs': 100_000, 'COPY then rm': 20_000, 'ENV and ARG chains': 20_000 };
const models = new Map<string, DockerfileModel>();

beforeAll(() => {
  for (const [name, line] of Object.entries(SCALE_SHAPES)) {
    models.set(name, parseDockerfile('Dockerfile', `FROM alpine:3.20\n${Array.from({ length: COUNT[name] }, (_, i) => line(i)).join('\n')}\n`));
  }
}, 600_000);

describe.each(Object.keys(SCALE_SHAPES))('many instructions (%s)', name => {
  it('go through every rule within the default timeout', () => {
    const model = models.get(name) as DockerfileModel;
    expect(model.instructions.length).toBe(COUNT[name] + 1);
    let findings = 0;
    for (const rule of rules) findings += rule.check(model, { ...DEFAULT_RULE_CONTEXT, dockerignore: { exists: true, lines: ['.git'] } }).length;
    if (name === 'COPY then rm') expect(findings).toBeGreaterThanOrEqual(COUNT[name] / 2);
    else expect(findings).toBeGreaterThan(0);
  });
});

describe('the engine on many build-check findings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stageguard-scale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('applies the check= settings to 60,000 of them within the default timeout (each finding finds its instruction by binary search)', async () => {
    writeFileSync(join(dir, 'Dockerfile'), `# check=error=true\nFROM alpine:3.20\n${Array.from({ length: 60_000 }, (_, i) => `MAINTAINER x${i}`).join('\n')}\n`);
    const report = await lintFiles(['Dockerfile'], { cwd: dir, config: emptyConfig() });
    const deprecated = report.files[0].violations.filter(v => v.aliases.includes('MaintainerDeprecated') || /MAINTAINER/i.test(v.message));
    expect(deprecated.length).toBeGreaterThanOrEqual(60_000);
    // error=true made every build-check finding an error
    expect(deprecated.every(v => v.severity === 'error')).toBe(true);
  });
});

describe('the ShellCheck scripts of many RUNs', () => {
  it('are cut out of 60,000 RUNs within the default timeout (each RUN finds its SHELL and header without a walk)', () => {
    const model = parseDockerfile('Dockerfile', `FROM alpine:3.20\nARG A\nSHELL ["/bin/bash", "-c"]\n${Array.from({ length: 60_000 }, (_, i) => `RUN echo ${i} "$A"`).join('\n')}\n`);
    const scripts = runScripts(model);
    expect(scripts).toHaveLength(60_000);
    expect(scripts[59_999].text).toBe('#!/bin/bash\nexport A\nRUN echo 59999 "$A"\n'.replace('RUN', '   '));
  });
});
