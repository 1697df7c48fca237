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
    ['lint only', ['--no-build', '--fail-on', 'warning'], { options: { build: false, failOn: 'warning' } }]
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
