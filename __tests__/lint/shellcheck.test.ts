import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyConfig } from '../../src/config/config';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { exec, execLog } from '../../src/exec';
import { lintFiles } from '../../src/lint/engine';
import { dialectOf, parseShellcheckJson1, runScripts, runShellcheck, shellcheckArgs } from '../../src/lint/shellcheck';

const body = (df: string) => runScripts(parseDockerfile('Dockerfile', df)).map(s => ({ first: s.firstLine, header: s.headerLines, lines: s.text.split('\n').slice(s.headerLines, -1), head: s.text.split('\n').slice(0, s.headerLines) }));

describe('runScripts', () => {
  it('keeps a shell-form RUN in place: keyword and flags blanked, continuation lines unchanged', () => {
    expect(body('FROM busybox:1\nRUN --mount=type=cache,target=/c apt-get update && \\\n    apt-get install -y curl\n')).toEqual([
      { first: 2, header: 2, head: ['#!/bin/sh', ''], lines: [`${' '.repeat(33)}apt-get update && \\`, '    apt-get install -y curl'] }
    ]);
  });

  it('blanks flags that go on over continuation lines, up to the first word of the command', () => {
    const df = 'FROM busybox:1\nRUN --mount=type=cache,target=/a \\\n    --mount=type=cache,target=/b \\\n    go build --mod=x ./...\n';
    expect(body(df)[0].lines).toEqual([`${' '.repeat(33)}\\`, `${' '.repeat(33)}\\`, '    go build --mod=x ./...']);
  });

  it('turns comment and empty lines inside a continuation into a lone backslash, as Docker drops them', () => {
    expect(body('FROM busybox:1\nRUN a \\\n    # why\n\n    b\n')[0].lines).toEqual(['    a \\', '        \\', '\\', '    b']);
  });

  it('passes the ARG and ENV names declared so far, inherited stages included, and the SHELL dialect', () => {
    const df = 'FROM busybox:1 AS base\nENV HOME_DIR=/h\nFROM base\nARG user\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo $user\nARG later\n';
    expect(body(df)).toEqual([{ first: 6, header: 2, head: ['#!/bin/bash', 'export HOME_DIR user'], lines: ['    echo $user'] }]);
  });

  it('checks a RUN <<EOF body by itself, with its own shebang when it has one, and skips a python one', () => {
    const df = 'FROM busybox:1\nRUN <<EOF\nset -e\necho $x\nEOF\nRUN <<EOF\n#!/bin/bash\n[[ -n $y ]]\nEOF\nRUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF\n';
    expect(body(df)).toEqual([
      { first: 3, header: 2, head: ['#!/bin/sh', ''], lines: ['set -e', 'echo $x'] },
      { first: 7, header: 0, head: [], lines: ['#!/bin/bash', '[[ -n $y ]]'] }
    ]);
  });

  it('checks `RUN cmd <<EOF` as one script whose heredoc is data', () => {
    expect(body('FROM busybox:1\nRUN cat <<EOF > /f\nhello $name\nEOF\n')[0]).toEqual({ first: 2, header: 2, head: ['#!/bin/sh', ''], lines: ['    cat <<EOF > /f', 'hello $name', 'EOF'] });
  });

  it.each([
    ['exec form', 'FROM busybox:1\nRUN ["echo", "$x"]\n'],
    ['a PowerShell SHELL', 'FROM busybox:1\nSHELL ["pwsh", "-Command"]\nRUN echo $x\n'],
    ['cmd', 'FROM busybox:1\nSHELL ["cmd", "/S", "/C"]\nRUN echo %x%\n'],
    ['the backtick escape of Windows Dockerfiles', '# escape=`\nFROM busybox:1\nRUN echo $x\n']
  ])('skips %s', (_name, df) => {
    expect(runScripts(parseDockerfile('Dockerfile', df))).toEqual([]);
  });

  it.each([
    ['/bin/bash', 'bash'],
    ['/bin/sh', 'sh'],
    ['/bin/ash', 'sh'],
    ['dash', 'dash'],
    ['/usr/bin/ksh', 'ksh'],
    ['/bin/zsh', undefined],
    ['pwsh', undefined],
    ['C:\\Windows\\System32\\cmd.exe', undefined]
  ])('maps the shell %s to the ShellCheck dialect %s', (program, dialect) => {
    expect(dialectOf(program)).toBe(dialect);
  });
});

it('builds one shellcheck command line for a batch of scripts', () => {
  expect(shellcheckArgs(['0.sh', '1.sh'])).toEqual(['--format=json1', '--norc', '--exclude=SC1090,SC1091', '0.sh', '1.sh']);
});

it('parses the json1 output captured from shellcheck 0.9', () => {
  const comments = parseShellcheckJson1(readFileSync(join(__dirname, '..', 'fixtures', 'shellcheck', 'json1-two-files.json'), 'utf8'))!;
  expect(comments.map(c => [c.file, c.line, c.column, c.code, c.level])).toEqual([
    ['1.sh', 3, 3, 2154, 'warning'],
    ['1.sh', 3, 3, 2086, 'info'],
    ['1.sh', 3, 21, 2005, 'style'],
    ['0.sh', 3, 9, 2154, 'warning'],
    ['0.sh', 3, 9, 2086, 'info'],
    ['0.sh', 3, 12, 2046, 'warning'],
    ['0.sh', 3, 12, 2006, 'style']
  ]);
  expect(parseShellcheckJson1('not json')).toBeUndefined();
  expect(parseShellcheckJson1('{"x":1}')).toBeUndefined();
});

// Against the real binary: CI installs Debian's shellcheck; elsewhere these tests say loudly that they are skipped.
const installed = exec('shellcheck', ['--version']).then(r => r.exitCode === 0);

describe('ShellCheck on RUN scripts (real shellcheck)', () => {
  let dir: string;
  beforeAll(async () => {
    if (!(await installed)) {
      if (process.env.CI === 'true') throw new Error('shellcheck is not installed; .ci/run installs it');
      console.warn('shellcheck is not installed: the ShellCheck tests are skipped');
    }
    dir = mkdtempSync(join(tmpdir(), 'sg-shellcheck-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const lint = async (files: Record<string, string>, config = emptyConfig()) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return lintFiles(Object.keys(files), { cwd: dir, config, shellcheck: 'required' });
  };
  const sc = (r: Awaited<ReturnType<typeof lint>>, i = 0) => r.files[i].violations.filter(v => v.rule === 'shellcheck').map(v => [v.aliases[0], v.line, v.column, v.endColumn]);

  it('places every finding on its Dockerfile line and column, continuation lines included, and knows declared ARGs', async () => {
    if (!(await installed)) return;
    const r = await lint({ 'a.Dockerfile': 'FROM busybox:1\nARG name\nRUN --mount=type=cache,target=/c echo $name && \\\n    echo $other_thing `date`\n' });
    expect(sc(r)).toEqual([
      ['SC2086', 3, 39, 44],
      ['SC2154', 4, 10, 22],
      ['SC2086', 4, 10, 22],
      ['SC2046', 4, 23, 29],
      ['SC2006', 4, 23, 29]
    ]);
    expect(r.files[0].violations.find(v => v.aliases[0] === 'SC2154')).toMatchObject({ severity: 'warning', message: 'SC2154: other_thing is referenced but not assigned.' });
    expect(r.shellcheck).toMatchObject({ ran: true, scripts: 1 });
  });

  it('maps a heredoc body line by line and honours # hadolint ignore= and config ignored', async () => {
    if (!(await installed)) return;
    const config = { ...emptyConfig(), ignored: ['SC2006'] };
    const r = await lint({ 'b.Dockerfile': 'FROM busybox:1\n# hadolint ignore=SC2086\nRUN echo $HOME\nRUN <<EOF\nset -e\ncd /x\necho `pwd` $1\nEOF\n' }, config);
    expect(sc(r)).toEqual([['SC2046', 7, 6, 11], ['SC2086', 7, 12, 14]]);
  });

  it('runs one shellcheck process for all the scripts of all the files', async () => {
    if (!(await installed)) return;
    const before = execLog.length;
    const r = await lint({ 'c.Dockerfile': 'FROM busybox:1\nRUN echo $a\nRUN echo $b\n', 'd.Dockerfile': 'FROM busybox:1\nRUN echo $c\n' });
    const calls = execLog.slice(before).filter(c => c.cmd === 'shellcheck');
    expect(calls.map(c => c.args[0])).toEqual(['--version', '--format=json1']);
    expect(calls[1].args.filter(a => a.endsWith('.sh'))).toHaveLength(3);
    expect([sc(r, 0).length, sc(r, 1).length]).toEqual([4, 2]);
  });

  it('says so in a notice when shellcheck is missing in auto mode, and fails in required mode', async () => {
    const path = process.env.PATH;
    process.env.PATH = join(dir, 'no-such-bin');
    try {
      const auto = await runShellcheck([parseDockerfile('D', 'FROM busybox:1\nRUN echo $x\n')], 'auto');
      expect(auto).toMatchObject({ ran: false, scripts: 0 });
      expect(auto.notice).toMatch(/^ShellCheck is not installed/);
      await expect(runShellcheck([], 'required')).rejects.toThrow(/ShellCheck is not installed/);
      const off = await runShellcheck([], 'off');
      expect([off.ran, off.notice]).toEqual([false, undefined]);
    } finally {
      process.env.PATH = path;
    }
  });
});
