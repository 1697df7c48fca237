import type { BuildResult } from '../../src/buildx/types';
import type { FileLintResult, Finding } from '../../src/lint/rule';
import type { GateFailure } from '../../src/policy/types';
import { buildGates, decideVerdict, findingGates } from '../../src/policy/verdict';

const finding = (rule: string, severity: Finding['severity'], line: number): Finding => ({
  rule,
  aliases: [],
  severity,
  line,
  column: 1,
  endLine: line,
  endColumn: 2,
  stage: 0,
  message: `${rule} here`
});
const file = (path: string, violations: Finding[]): FileLintResult => ({ path, stages: [], scorecard: [], violations });
const build = (target: string, ok: boolean): BuildResult => ({
  dockerfile: 'app/Dockerfile',
  target,
  ok,
  seconds: 1,
  image: ok ? `img:${target}` : null,
  steps: { total: 1, cached: 0, executed: 1 },
  cacheFrom: [],
  cacheTo: null,
  error: ok ? null : 'boom'
});

describe('findingGates', () => {
  const files = [file('a/Dockerfile', [finding('json-cmd', 'warning', 3), finding('maintainer-deprecated', 'error', 2)])];
  const image = [{ path: 'a/Dockerfile', finding: finding('image-secret-file', 'error', 5) }];
  it.each<[string, Parameters<typeof findingGates>[2], string[]]>([
    ['error', 'error', ['a/Dockerfile:2', 'a/Dockerfile']],
    ['warning', 'warning', ['a/Dockerfile:3', 'a/Dockerfile:2', 'a/Dockerfile']],
    ['none', 'none', []]
  ])('gates the findings at or above %s, lint and image contents alike', (_name, failOn, subjects) => {
    expect(findingGates(files, image, failOn).map(g => g.subject)).toEqual(subjects);
  });
});

describe('buildGates', () => {
  it('makes one build gate per failed build', () => {
    expect(buildGates([build('builder', true), build('final', false)])).toEqual([{ kind: 'build', subject: 'app/Dockerfile (final)', message: 'build failed' }]);
  });
});

describe('decideVerdict', () => {
  const lint: GateFailure = { kind: 'lint', subject: 'a:1', message: 'x' };
  const grew: GateFailure = { kind: 'max-increase', subject: 'a', message: 'a grew 20%' };
  const failed: GateFailure = { kind: 'build', subject: 'app/Dockerfile (final)', message: 'build failed' };
  it.each<[string, GateFailure[], BuildResult[], string[], string[], string[]]>([
    ['passes with nothing wrong', [], [], [], [], []],
    ['fails on a missing shard alone', [], [], [], ['shard 2: no partial report was found'], ['1 shard report is missing or corrupt: shard 2: no partial report was found']],
    ['words each kind of gate once, errors first', [lint, lint, grew], [], ['cfg'], [], ['cfg', '2 findings at or above error', 'a grew 20%']],
    ['counts failed builds apart from findings', [failed, lint], [build('builder', true), build('final', false)], [], [], ['1 of 2 builds failed', '1 findings at or above error']]
  ])('%s', (_name, gates, builds, errors, missing, reasons) => {
    expect(decideVerdict(gates, builds, errors, 'error', missing)).toEqual({ failed: reasons.length > 0, reasons });
  });
});
