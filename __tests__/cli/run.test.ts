import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseRunArgs, runCommand } from '../../src/cli/run';

describe('parseRunArgs', () => {
  it.each<[string, string[], object]>([
    ['defaults', [], { folder: '.', format: 'markdown', options: { failOn: 'error', build: true, maxParallel: 2, sizeMetric: 'compressed' } }],
    ['a folder and gates', ['examples', '--max-increase', '5%', '--max-size=150MB'], { folder: 'examples', options: { maxIncrease: '5%', maxSize: '150MB' } }],
    ['repeated flags', ['--target', 'a', '--target', 'b', '--build-arg', 'K=V'], { options: { targets: ['a', 'b'], buildArgs: ['K=V'] } }],
    ['base ref, network and json', ['--base-ref', 'main', '--network', 'none', '--format', 'json'], { format: 'json', options: { baseRef: 'main', network: 'none' } }],
    ['lint only', ['--no-build', '--fail-on', 'warning'], { options: { build: false, failOn: 'warning' } }],
    ['ShellCheck and new findings', ['--shellcheck', 'off', '--base-ref', 'main', '--only-new'], { options: { shellcheck: 'off', baseRef: 'main', onlyNew: true } }]
  ])('parses %s', (_name, argv, expected) => {
    expect(parseRunArgs(argv)).toMatchObject(expected);
  });

  it.each<[string[], RegExp]>([
    [['--fail-on', 'loud'], /--fail-on must be one of/],
    [['--max-parallel', '0'], /--max-parallel must be a whole number/],
    [['--format', 'xml'], /--format must be one of markdown\|json, got xml/],
    [['a', 'b'], /only one folder/],
    [['--bogus'], /unknown option --bogus/],
    [['--target'], /--target needs a value/]
  ])('rejects %j', (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(message);
  });
});

describe('stageguard run without building', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-run-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lints the folder, prints the report and says that it skipped the build', async () => {
    fs.mkdirSync(path.join(dir, 'svc'));
    fs.writeFileSync(path.join(dir, 'svc', 'Dockerfile'), 'FROM python:3.12\nMAINTAINER me\nRUN pip install flask\n');
    let out = '';
    let err = '';
    const code = await runCommand(['--no-build'], { stdout: s => (out += s), stderr: s => (err += s), cwd: dir });
    expect(code).toBe(1); // MAINTAINER is an error
    expect(out).toContain('maintainer-deprecated');
    expect(out).toMatch(/SKIPPED: Build and size were skipped: building is turned off/);
    expect(out).toMatch(/FAILED: .*findings at or above error/);
    expect(err).toMatch(/Lint/);
  });

  it('answers a missing folder with exit 2 and its name', async () => {
    let err = '';
    const code = await runCommand(['no-such-folder'], { stdout: () => undefined, stderr: s => (err += s), cwd: dir });
    expect(code).toBe(2);
    expect(err).toContain('no-such-folder is not a folder');
  });
});

describe('stageguard run --base-ref without building (a real git repository)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-run-base-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(() => {
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'test');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12\nMAINTAINER me\n');
    git('add', '.');
    git('commit', '-qm', 'base with a backlog');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.12\nMAINTAINER me\nRUN pip install flask\n');
    git('commit', '-qam', 'a new pip install');
  });

  const run = async (argv: string[]) => {
    let out = '';
    const code = await runCommand(argv, { stdout: s => (out += s), stderr: () => undefined, cwd: dir });
    return { code, out };
  };

  it('marks findings against the base in the JSON report, and --only-new gates on new findings alone', async () => {
    const all = await run(['--no-build', '--base-ref', 'HEAD~1', '--format', 'json', '--shellcheck', 'off']);
    expect(all.code).toBe(1); // the MAINTAINER error is still there
    const lint = JSON.parse(all.out).lint;
    const status = (rule: string) => lint.files[0].violations.find((v: { rule: string }) => v.rule === rule)?.status;
    expect(status('maintainer-deprecated')).toBe('existing');
    expect(status('pip-no-cache-dir')).toBe('new');
    expect(lint.summary.fixed).toBe(0);
    const onlyNew = await run(['--no-build', '--base-ref', 'HEAD~1', '--only-new', '--format', 'json', '--shellcheck', 'off']);
    expect(onlyNew.code).toBe(0); // the new findings are below error
  });
});
