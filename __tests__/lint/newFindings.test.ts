import { parseDockerfile } from '../../src/dockerfile/parse';
import { applyBase, findingKey, markFindings, onlyNewFindings } from '../../src/lint/newFindings';
import type { FileLintResult, Finding } from '../../src/lint/rule';
import { summarize } from '../../src/lint/engine';

const f = (rule: string, line: number, aliases: string[] = []): Finding => ({
  rule, aliases, severity: 'warning', line, column: 1, endLine: line, endColumn: 2, stage: 0, message: `${rule} on line ${line}`
});
const side = (text: string, violations: Finding[]) => ({ model: parseDockerfile('Dockerfile', text), violations });

describe('markFindings', () => {
  it.each<[string, ReturnType<typeof side>, ReturnType<typeof side> | undefined, string[], number]>([
    [
      'keeps findings existing when lines are inserted above them',
      side('FROM busybox:1\n# a comment\nRUN apt-get install -y curl\n', [f('apt-pin-versions', 3)]),
      side('FROM busybox:1\nRUN apt-get install -y curl\n', [f('apt-pin-versions', 2)]),
      ['existing'],
      0
    ],
    [
      'marks a finding on a changed instruction new and the old one fixed',
      side('FROM busybox:1\nRUN apt-get install -y wget\n', [f('apt-pin-versions', 2)]),
      side('FROM busybox:1\nRUN apt-get install -y curl\n', [f('apt-pin-versions', 2)]),
      ['new'],
      1
    ],
    [
      'tells rules apart on the same instruction',
      side('FROM busybox:1\nRUN apt-get install curl\n', [f('apt-get-yes', 2), f('apt-pin-versions', 2)]),
      side('FROM busybox:1\nRUN apt-get install curl\n', [f('apt-pin-versions', 2)]),
      ['new', 'existing'],
      0
    ],
    [
      'tells ShellCheck codes apart by their alias',
      side('FROM busybox:1\nRUN echo $a `b`\n', [f('shellcheck', 2, ['SC2086']), f('shellcheck', 2, ['SC2006'])]),
      side('FROM busybox:1\nRUN echo $a `b`\n', [f('shellcheck', 2, ['SC2006'])]),
      ['new', 'existing'],
      0
    ],
    [
      'counts identical findings: two in the head against one in the base is one existing and one new',
      side('FROM busybox:1\nCMD a\nCMD a\n', [f('r', 2), f('r', 3)]),
      side('FROM busybox:1\nCMD a\n', [f('r', 2)]),
      ['existing', 'new'],
      0
    ],
    ['marks everything new in a file the base does not have', side('FROM busybox:1\nCMD a\n', [f('r', 1), f('r', 2)]), undefined, ['new', 'new'], 0],
    [
      'ignores whitespace changes inside the instruction',
      side('FROM busybox:1\nRUN  apt-get   install \\\n    curl\n', [f('r', 2)]),
      side('FROM busybox:1\nRUN apt-get install curl\n', [f('r', 2)]),
      ['existing'],
      0
    ]
  ])('%s', (_name, head, base, statuses, fixed) => {
    const r = markFindings(head, base);
    expect(r.violations.map(v => v.status)).toEqual(statuses);
    expect(r.fixed).toHaveLength(fixed);
  });

  it('keys a finding by rule, aliases and instruction text, not by line or message', () => {
    const a = parseDockerfile('Dockerfile', 'FROM busybox:1\nCMD run\n');
    const b = parseDockerfile('Dockerfile', 'FROM busybox:1\n\n\nCMD run\n');
    expect(findingKey(f('x', 2), a)).toBe(findingKey({ ...f('x', 4), message: 'other' }, b));
    expect(findingKey(f('x', 2), a)).not.toBe(findingKey(f('y', 4), b));
  });
});

describe('applyBase and onlyNewFindings', () => {
  const headText = 'FROM busybox:1\nCMD a\nCMD b\n';
  const baseText = 'FROM busybox:1\nCMD a\nRUN x\n';
  const file = (violations: Finding[]): FileLintResult => ({ path: 'Dockerfile', stages: [], scorecard: [], violations });
  const report = summarize([file([f('r', 2), f('r', 3)])]);
  const marked = applyBase(
    report,
    new Map([['Dockerfile', parseDockerfile('Dockerfile', headText)]]),
    new Map([['Dockerfile', { model: parseDockerfile('Dockerfile', baseText), result: file([f('r', 2), f('q', 3)]) }]])
  );

  it('marks each finding, counts the fixed ones per file and in the summary', () => {
    expect(marked.files[0].violations.map(v => v.status)).toEqual(['existing', 'new']);
    expect(marked.files[0].fixed).toBe(1);
    expect(marked.summary).toMatchObject({ violations: 2, new: 1, existing: 1, fixed: 1 });
  });

  it('leaves only the new findings for the gates', () => {
    expect(onlyNewFindings(marked.files)[0].violations.map(v => v.line)).toEqual([3]);
    expect(onlyNewFindings(report.files)[0].violations).toHaveLength(2);
  });

  it('adds no status without a base', () => {
    expect(report.files[0].violations.every(v => v.status === undefined)).toBe(true);
    expect(report.summary.new).toBeUndefined();
  });
});
