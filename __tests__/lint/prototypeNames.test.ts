import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, emptyConfig } from '../../src/config/config';
import { lintFiles } from '../../src/lint/engine';
import { parseShell } from '../../src/shell/parse';
import { evaluateSizeGates } from '../../src/policy/sizeGates';
import type { ImageSize } from '../../src/size/types';

/**
 * Names a pull request may give a command, a stage, an image, a label, a Dockerfile or a config key, that are also
 * members of every JavaScript object: a table lookup must not find Object.prototype's functions for them (a command
 * named `constructor` once sent the wrapper loop around forever, and the process died out of memory).
 */
const NAMES = Object.getOwnPropertyNames(Object.prototype);

const TEMPLATES: ((n: string) => string)[] = [
  n => `# syntax=${n}\n# check=skip=${n};error=${n}\nFROM ${n}:${n} AS ${n}\nRUN ${n} ${n}\n`,
  n => `FROM localhost:5000/busybox:1 AS b\nARG ${n}=1\nENV ${n}=2\nLABEL ${n}="${n}"\nRUN apt-get install -y ${n} && pip install ${n} && npm install ${n} && apk add ${n} && yum install -y ${n}\n`,
  n => `FROM localhost:5000/busybox:1\nRUN sudo ${n} && env ${n}=1 ${n} && nice ${n} && ${n} install ${n} && apt-get ${n} ${n}\n`,
  n => `FROM localhost:5000/busybox:1\nRUN --mount=type=${n},${n}=x --network=${n} echo hi\nCOPY --from=${n} --chown=${n}:${n} /a /b\n`,
  n => `FROM localhost:5000/busybox:1\nUSER ${n}\nWORKDIR /${n}\nEXPOSE 80/${n}\nHEALTHCHECK --interval=${n} CMD ${n}\nSHELL ["${n}", "-c"]\nRUN echo hi\nONBUILD ${n} x\nSTOPSIGNAL ${n}\n${n} y\n`,
  n => `FROM localhost:5000/busybox:1\nRUN <<${n}\n${n} x\n${n}\nRUN bash -c '${n} x' && ${n}=1 ${n} && curl ${n} | ${n} && useradd ${n} && rm -rf ${n}\n`,
  n => `FROM ${n}\nFROM localhost:5000/busybox:1 AS x\nCOPY --from=${n} a b\nFROM \${${n}}\n`
];

describe('names that are members of Object.prototype', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-proto-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('parse as ordinary commands, wrapped or not', () => {
    for (const n of NAMES) {
      expect(parseShell(`${n} x && sudo ${n} -y && env A=1 ${n}`).commands.map(c => [c.name, c.wrappers])).toEqual([
        [n, []],
        [n, ['sudo']],
        [n, ['env']]
      ]);
    }
  });

  it.each([
    ['no config', null],
    ['a .hadolint.yaml keyed by them', `override:\n  error: [${NAMES.join(', ')}]\nlabel-schema:\n${NAMES.map(n => `  ${n}: text`).join('\n')}\n`],
    ['a .stageguard.yml keyed by them', `severity:\n${NAMES.map(n => `  ${n}: error`).join('\n')}\ndockerfiles:\n${NAMES.map(n => `  ${n}: {max-size: 1MB, targets: [${n}]}`).join('\n')}\n`]
  ])('lint in every position with %s, without an internal error', async (_name, config) => {
    const cwd = fs.mkdtempSync(path.join(dir, 'case-'));
    if (config?.startsWith('override')) fs.writeFileSync(path.join(cwd, '.hadolint.yaml'), config);
    else if (config) fs.writeFileSync(path.join(cwd, '.stageguard.yml'), config);
    const files: string[] = [];
    NAMES.forEach((n, i) =>
      TEMPLATES.forEach((t, j) => {
        const f = `Dockerfile.${i}.${j}`;
        fs.writeFileSync(path.join(cwd, f), t(n));
        files.push(f);
      })
    );
    const report = await lintFiles(files, { cwd, config: config ? loadConfig({ cwd }) : emptyConfig() });
    expect(report.files).toHaveLength(NAMES.length * TEMPLATES.length);
    const internal = report.files.flatMap(f => f.violations.filter(v => /internal error/.test(v.message)).map(v => `${f.path}: ${v.message}`));
    expect(internal).toEqual([]);
  });

  it('find no size budget for a stage named like one', () => {
    for (const n of NAMES) {
      const s = { dockerfile: 'Dockerfile', target: n, image: n, final: true, compressed: 5, uncompressed: 9, wasted: 0, base: null, delta: null, findings: [] } as unknown as ImageSize;
      expect(evaluateSizeGates([s], { metric: 'compressed', perImageMaxSize: {} })).toEqual([]);
    }
  });
});
