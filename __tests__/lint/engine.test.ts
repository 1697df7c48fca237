import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCommand, parseLintArgs } from '../../src/cli/lint';
import { applyStageguardConfig, emptyConfig, globToRegExp, loadConfig } from '../../src/config/config';
import { discoverDockerfiles } from '../../src/dockerfile/discover';
import { lintFiles, SCORECARD_CHECKS } from '../../src/lint/engine';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stageguard-lint-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (rel: string, text: string | Buffer): void => {
  mkdirSync(join(dir, rel, '..'), { recursive: true });
  writeFileSync(join(dir, rel), text);
};
const GOOD = 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\nHEALTHCHECK NONE\n';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await lintCommand(args, { stdout: s => (out += s), stderr: s => (err += s), cwd: dir });
  return { code, out, err };
}

describe('the lint engine', () => {
  it('reports a scorecard of the seven checks in the issue order', async () => {
    write('Dockerfile', GOOD);
    const r = await lintFiles(['Dockerfile'], { cwd: dir, config: emptyConfig() });
    expect(r.files[0].scorecard.map(c => c.check)).toEqual([...SCORECARD_CHECKS]);
    expect(r.files[0].scorecard.every(c => c.passed)).toBe(true);
  });

  it('turns a binary file into a parse-error and still lints the next file', async () => {
    write('a/Dockerfile', Buffer.from([0, 1, 2]));
    write('b/Dockerfile', 'FROM alpine:3.20\n');
    const r = await lintFiles(['a/Dockerfile', 'missing/Dockerfile', 'b/Dockerfile'], { cwd: dir, config: emptyConfig() });
    expect(r.files.map(f => f.violations[0]?.rule)).toEqual(['parse-error', 'parse-error', 'copy-from-stage']);
    expect(r.files[0].violations[0]).toMatchObject({ severity: 'error', line: 1 });
  });

  it('rejects a file over 5 MB without parsing it', async () => {
    write('Dockerfile', `FROM alpine\n${'# x\n'.repeat(1_400_000)}`);
    const r = await lintFiles(['Dockerfile'], { cwd: dir, config: emptyConfig() });
    expect(r.files[0].violations.map(v => v.rule)).toEqual(['parse-error']);
  });

  it('reads the .dockerignore of the Dockerfile folder', async () => {
    write('app/Dockerfile', 'FROM alpine\nCOPY . /app\n');
    let r = await lintFiles(['app/Dockerfile'], { cwd: dir, config: emptyConfig() });
    expect(r.files[0].violations.map(v => v.rule)).toContain('dockerignore-missing');
    write('app/.dockerignore', '.git\n');
    r = await lintFiles(['app/Dockerfile'], { cwd: dir, config: emptyConfig() });
    expect(r.files[0].violations.map(v => v.rule)).not.toContain('dockerignore-missing');
  });

  it('applies stageguard and hadolint ignore pragmas to the next instruction only', async () => {
    write('Dockerfile', 'FROM alpine\n# hadolint ignore=DL3002\nUSER root\n# stageguard ignore=secrets-in-arg-env\nARG TOKEN\nARG PASSWORD\n');
    const r = await lintFiles(['Dockerfile'], { cwd: dir, config: emptyConfig() });
    const rules = r.files[0].violations.map(v => `${v.rule}@${v.line}`);
    expect(rules).not.toContain('non-root-user@3');
    expect(rules).not.toContain('secrets-in-arg-env@5');
    expect(rules).toContain('secrets-in-arg-env@6');
  });

  it('applies config ignores, severity overrides and per-path overrides', async () => {
    write('legacy/Dockerfile', 'FROM alpine\nARG TOKEN\n');
    write('Dockerfile', 'FROM alpine\nARG TOKEN\n');
    const config = emptyConfig();
    applyStageguardConfig(config, '.stageguard.yml', {
      ignored: ['DL3057'],
      severity: { 'secrets-in-arg-env': 'error' },
      overrides: [{ files: ['legacy/**'], ignored: ['secrets-in-arg-env'] }]
    });
    const r = await lintFiles(['Dockerfile', 'legacy/Dockerfile'], { cwd: dir, config });
    expect(r.files[0].violations.find(v => v.rule === 'secrets-in-arg-env')?.severity).toBe('error');
    expect(r.files[0].violations.map(v => v.rule)).not.toContain('healthcheck');
    expect(r.files[1].violations.map(v => v.rule)).not.toContain('secrets-in-arg-env');
    expect(r.files[0].scorecard.find(c => c.check === 'healthcheck')?.detail).toMatch(/^suppressed/);
  });
});

describe('config files', () => {
  it('reads .hadolint.yaml ignored and override lists', () => {
    write('.hadolint.yaml', 'ignored: [DL3008]\noverride:\n  error: [DL3002]\ntrustedRegistries: [ghcr.io]\n');
    const c = loadConfig({ cwd: dir });
    expect(c).toMatchObject({ ignored: ['DL3008'], severity: { DL3002: 'error' }, trustedRegistries: ['ghcr.io'] });
  });

  it('reads build settings per Dockerfile as plain data', () => {
    write('.stageguard.yml', 'dockerfiles:\n  ./app/Dockerfile:\n    context: .\n    targets: [test, final]\n    max-size: 150MB\nfail-on: warning\n');
    const c = loadConfig({ cwd: dir });
    expect(c.dockerfiles['app/Dockerfile']).toEqual({ context: '.', targets: ['test', 'final'], maxSize: '150MB' });
    expect(c.failOn).toBe('warning');
  });

  it.each([
    ['severity:\n  healthcheck: loud\n', /\.stageguard\.yml: severity\.healthcheck/],
    ['ignored: {a: 1}\n', /\.stageguard\.yml: ignored/],
    ['colour: red\n', /\.stageguard\.yml: colour: unknown key/],
    ['overrides:\n  - ignored: [x]\n', /overrides\[0\]\.files/],
    ['a: [\n', /\.stageguard\.yml: \(yaml\)/]
  ])('names the file and the key of a malformed config (%s)', (text, message) => {
    write('.stageguard.yml', text);
    expect(() => loadConfig({ cwd: dir })).toThrow(message);
  });

  it.each([
    ['legacy/**', 'legacy/a/Dockerfile', true],
    ['**/Dockerfile', 'Dockerfile', true],
    ['*.Dockerfile', 'x/a.Dockerfile', false],
    ['{a,b}/Dockerfile', 'b/Dockerfile', true]
  ])('matches the glob %s against %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe('discovery', () => {
  it('finds Dockerfile, *.Dockerfile and Dockerfile.* and skips .git, node_modules and .dockerignore files', async () => {
    write('Dockerfile', 'FROM a\n');
    write('svc/api.Dockerfile', 'FROM a\n');
    write('svc/Dockerfile.dev', 'FROM a\n');
    write('svc/Dockerfile.dockerignore', '.git\n');
    write('node_modules/x/Dockerfile', 'FROM a\n');
    write('.git/Dockerfile', 'FROM a\n');
    symlinkSync(dir, join(dir, 'svc', 'loop'));
    const d = await discoverDockerfiles([], dir);
    expect(d.files).toEqual(['Dockerfile', 'svc/Dockerfile.dev', 'svc/api.Dockerfile']);
  });

  it('takes files, folders and globs, and reports arguments that match nothing', async () => {
    write('a/Dockerfile', 'FROM a\n');
    write('b/x.Dockerfile', 'FROM a\n');
    const d = await discoverDockerfiles(['a/Dockerfile', 'b', 'c/*.Dockerfile', 'nope'], dir);
    expect(d.files).toEqual(['a/Dockerfile', 'b/x.Dockerfile']);
    expect(d.unmatched).toEqual(['c/*.Dockerfile', 'nope']);
  });

  it('takes absolute paths to files and folders, with spaces and unicode in their names', async () => {
    write('my app/Dockerfile', 'FROM a\n');
    write('dienst-ü/api.Dockerfile', 'FROM a\n');
    const d = await discoverDockerfiles([join(dir, 'my app', 'Dockerfile'), join(dir, 'dienst-ü')], dir);
    expect(d.files).toEqual(['dienst-ü/api.Dockerfile', 'my app/Dockerfile']);
    expect(d.unmatched).toEqual([]);
  });
});

describe('stageguard lint', () => {
  it.each([
    [['--format', 'json', 'a'], { paths: ['a'], format: 'json' }],
    [['--fail-on=warning', '--config', 'c.yml'], { failOn: 'warning', config: 'c.yml' }],
    [['--', '--weird'], { paths: ['--weird'] }],
    [[], { shellcheck: 'auto', onlyNew: false, baseRef: undefined }],
    [['--shellcheck', 'required', '--base-ref', 'main', '--only-new'], { shellcheck: 'required', baseRef: 'main', onlyNew: true }]
  ])('parses %j', (argv, expected) => {
    expect(parseLintArgs(argv)).toMatchObject(expected);
  });

  it('prints the exact JSON shape and exits 0 when nothing reaches --fail-on', async () => {
    write('Dockerfile', GOOD);
    const r = await run(['--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(Object.keys(doc)).toEqual(['files', 'summary']);
    expect(Object.keys(doc.files[0])).toEqual(['path', 'stages', 'scorecard', 'violations']);
    expect(doc.files[0].stages).toEqual([
      { index: 0, name: 'build', base: 'golang:1.22' },
      { index: 1, name: null, base: 'gcr.io/distroless/static:nonroot' }
    ]);
    expect(Object.keys(doc.summary)).toEqual(['files', 'violations', 'bySeverity']);
    expect(Object.keys(doc.summary.bySeverity)).toEqual(['error', 'warning', 'info', 'style']);
  });

  it('exits 1 when a finding reaches --fail-on and names it in the text output', async () => {
    write('Dockerfile', 'FROM alpine:3.20\nUSER root\n');
    const r = await run(['--fail-on', 'warning']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('Dockerfile:2:1 warning [non-root-user]');
    expect(r.out).toMatch(/scorecard \d\/7 passed/);
  });

  it('exits 2 on a usage error, a malformed config, or paths that match nothing', async () => {
    expect((await run(['--format', 'xml'])).code).toBe(2);
    expect((await run(['nothing-here'])).code).toBe(2);
    write('.stageguard.yml', 'fail-on: sometimes\n');
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('.stageguard.yml: fail-on');
  });
});
