import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyConfig } from '../../src/config/config';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { applyCheckDirectives, commentsBefore, parseCheckOptions } from '../../src/lint/buildkit';
import { buildkitCheckArg, lintFiles } from '../../src/lint/engine';
import type { Finding } from '../../src/lint/rule';

const opts = (v: string) => {
  const o = parseCheckOptions(v);
  return o && { skipAll: o.skipAll, skip: [...o.skip], experimentalAll: o.experimentalAll, experimental: [...o.experimental], error: o.error };
};

describe('parseCheckOptions', () => {
  it.each([
    ['', { skipAll: false, skip: [], experimentalAll: false, experimental: [], error: false }],
    ['skip=all', { skipAll: true, skip: [], experimentalAll: false, experimental: [], error: false }],
    ['skip=A, B;error=true', { skipAll: false, skip: ['A', 'B'], experimentalAll: false, experimental: [], error: true }],
    [' error = 1 ; experimental=all', { skipAll: false, skip: [], experimentalAll: true, experimental: [], error: true }],
    ['experimental=InvalidDefinitionDescription;error=false', { skipAll: false, skip: [], experimentalAll: false, experimental: ['InvalidDefinitionDescription'], error: false }]
  ])('reads %j as BuildKit does', (value, expected) => {
    expect(opts(value)).toEqual(expected);
  });

  it.each(['skip', 'error=yes', 'warn=true', 'skip=A;bogus'])('rejects %j as BuildKit does', value => {
    expect(parseCheckOptions(value)).toBeUndefined();
  });
});

describe('commentsBefore', () => {
  it('collects the comments since the previous instruction, restarting at an empty # and skipping file directives', () => {
    const model = parseDockerfile('Dockerfile', '# check=skip=all\n# one\nFROM scratch\n# a\n\n# b\n#\n# c\n# d\nCOPY x .\n');
    expect(commentsBefore(model, 0)).toEqual(['one']);
    expect(commentsBefore(model, 1)).toEqual(['c', 'd']);
  });
});

describe('applyCheckDirectives', () => {
  const finding = (rule: string, aliases: string[], line: number): Finding => ({
    rule, aliases, severity: 'warning', line, column: 1, endLine: line, endColumn: 2, stage: 0, message: 'm'
  });
  const text = 'FROM scratch\nCMD a\n# check=skip=JSONArgsRecommended // shell form on purpose\nENTRYPOINT b\n';
  const found = [finding('json-args-recommended', ['JSONArgsRecommended'], 2), finding('json-args-recommended', ['JSONArgsRecommended'], 4), finding('json-cmd', ['DL3025'], 4)];

  it('skips a check on the one instruction whose comment says so, and leaves other rules alone', () => {
    expect(applyCheckDirectives(found, parseDockerfile('Dockerfile', text)).map(f => [f.rule, f.line])).toEqual([
      ['json-args-recommended', 2],
      ['json-cmd', 4]
    ]);
  });

  it('makes the kept build-check findings errors with error=true in the file directive', () => {
    const shifted = found.map(f => ({ ...f, line: f.line + 1, endLine: f.endLine + 1 }));
    const kept = applyCheckDirectives(shifted, parseDockerfile('Dockerfile', `# check=error=true\n${text}`));
    expect(kept.map(f => [f.rule, f.line, f.severity])).toEqual([
      ['json-args-recommended', 3, 'error'],
      ['json-cmd', 5, 'warning']
    ]);
  });

  it('lets the BUILDKIT_DOCKERFILE_CHECK build argument replace the file directive', () => {
    const model = parseDockerfile('Dockerfile', '# check=skip=all\nFROM scratch\nCMD a\n');
    const one = [finding('json-args-recommended', ['JSONArgsRecommended'], 3)];
    expect(applyCheckDirectives(one, model)).toEqual([]);
    expect(applyCheckDirectives(one, model, 'error=true').map(f => f.severity)).toEqual(['error']);
  });

  it('keeps an experimental check only where experimental= enables it, even with skip=all', () => {
    const model = parseDockerfile('Dockerfile', '# foo bar\nARG x\n# check=experimental=InvalidDefinitionDescription\nARG y\n');
    const all = [finding('invalid-definition-description', ['InvalidDefinitionDescription'], 2), finding('invalid-definition-description', ['InvalidDefinitionDescription'], 4)];
    expect(applyCheckDirectives(all, model).map(f => f.line)).toEqual([4]);
  });
});

describe('buildkitCheckArg', () => {
  it.each<[string[], string | undefined]>([
    [[], undefined],
    [['A=1'], undefined],
    [['BUILDKIT_DOCKERFILE_CHECK=skip=all'], 'skip=all'],
    [['BUILDKIT_DOCKERFILE_CHECK=skip=A', 'BUILDKIT_DOCKERFILE_CHECK=error=true;skip=B'], 'error=true;skip=B']
  ])('reads the check option of the build arguments %j', (args, value) => {
    expect(buildkitCheckArg(args)).toBe(value);
  });

  it('lets the build argument replace the file directive when files are linted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-bkarg-'));
    try {
      writeFileSync(join(dir, 'Dockerfile'), '#check=skip=all\nFROM scratch as base\ncopy Dockerfile .\n');
      const rules = (r: Awaited<ReturnType<typeof lintFiles>>) => r.files[0].violations.filter(v => v.rule === 'from-as-casing').map(v => v.severity);
      expect(rules(await lintFiles(['Dockerfile'], { cwd: dir, config: emptyConfig() }))).toEqual([]);
      const withArg = await lintFiles(['Dockerfile'], { cwd: dir, config: emptyConfig(), buildArgs: ['BUILDKIT_DOCKERFILE_CHECK=skip=ConsistentInstructionCasing;error=true'] });
      expect(rules(withArg)).toEqual(['error']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
