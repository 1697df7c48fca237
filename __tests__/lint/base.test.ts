import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintCommand } from '../../src/cli/lint';
import { gitShowSpec } from '../../src/lint/base';

describe('gitShowSpec', () => {
  it.each<[string, string, string | undefined]>([
    ['0123abc', 'Dockerfile', '0123abc:Dockerfile'],
    ['0123abc', 'app/Dockerfile', '0123abc:app/Dockerfile'],
    ['HEAD', 'Dockerfile', undefined],
    ['--output=/tmp/x', 'Dockerfile', undefined],
    ['0123abc', '../outside/Dockerfile', undefined],
    ['0123abc', '/etc/passwd', undefined]
  ])('turns %j and %j into %j', (sha, path, spec) => {
    expect(gitShowSpec(sha, path)).toBe(spec);
  });
});

describe('stageguard lint --base-ref (a real git repository)', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const run = async (argv: string[], cwd = repo) => {
    let out = '';
    let err = '';
    const code = await lintCommand(argv, { stdout: s => (out += s), stderr: s => (err += s), cwd });
    return { code, out, err };
  };

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'sg-base-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 't@example.com');
    git('config', 'user.name', 'test');
    mkdirSync(join(repo, 'app'));
    writeFileSync(join(repo, 'app', 'Dockerfile'), 'FROM busybox:1\nRUN apt-get install -y curl\nMAINTAINER me\nCMD run\n');
    git('add', '.');
    git('commit', '-qm', 'base');
    // the PR: a line above everything, the MAINTAINER gone, a new un-pinned install
    writeFileSync(join(repo, 'app', 'Dockerfile'), '# the app\nFROM busybox:1\nRUN apt-get install -y curl\nRUN apt-get install -y wget\nCMD run\n');
    git('commit', '-qam', 'change');
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('marks each finding new or existing against the base version and counts the fixed ones', async () => {
    const r = await run(['app/Dockerfile', '--base-ref', 'HEAD~1', '--format', 'json', '--shellcheck', 'off']);
    const doc = JSON.parse(r.out);
    const byRule = (rule: string) => doc.files[0].violations.filter((v: { rule: string }) => v.rule === rule).map((v: { line: number; status: string }) => [v.line, v.status]);
    expect(byRule('apt-pin-versions')).toEqual([
      [3, 'existing'],
      [4, 'new']
    ]);
    expect(byRule('json-args-recommended')).toEqual([[5, 'existing']]);
    expect(doc.files[0].fixed).toBe(1);
    expect(doc.summary).toMatchObject({ fixed: 1 });
    expect(doc.summary.new + doc.summary.existing).toBe(doc.summary.violations);
    expect(doc.summary.new).toBeGreaterThan(0);
  });

  it('has no status without a base', async () => {
    const doc = JSON.parse((await run(['app/Dockerfile', '--format', 'json', '--shellcheck', 'off'])).out);
    expect(doc.files[0].violations.length).toBeGreaterThan(0);
    expect(doc.files[0].violations.every((v: object) => !('status' in v))).toBe(true);
    expect(doc.summary.new).toBeUndefined();
  });

  it('lets --only-new decide the exit status by new findings alone', async () => {
    // the PR of beforeAll brings a new warning: it fails --fail-on warning either way
    const all = await run(['app/Dockerfile', '--base-ref', 'HEAD~1', '--fail-on', 'warning', '--shellcheck', 'off']);
    expect(all.code).toBe(1);
    // a change that brings no finding: the base's warnings are all existing, so --only-new passes and the plain gate fails
    writeFileSync(join(repo, 'app', 'Dockerfile'), 'FROM busybox:1\nRUN apt-get install -y curl\nMAINTAINER me\nCMD run\n# only a comment added\n');
    const onlyNew = await run(['app/Dockerfile', '--base-ref', 'HEAD~1', '--only-new', '--fail-on', 'warning', '--shellcheck', 'off']);
    expect(onlyNew.out).toMatch(/against the base: 0 new, \d+ existing, 0 fixed/);
    expect(onlyNew.code).toBe(0);
    const gated = await run(['app/Dockerfile', '--base-ref', 'HEAD~1', '--fail-on', 'warning', '--shellcheck', 'off']);
    expect(gated.code).toBe(1);
    git('checkout', '--', '.');
  });

  it('says so when the base revision is not a commit', async () => {
    const r = await run(['app/Dockerfile', '--base-ref', 'no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--base-ref no-such-branch is not a commit');
  });

  it('needs --base-ref for --only-new', async () => {
    const r = await run(['app/Dockerfile', '--only-new']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--only-new needs --base-ref');
  });
});
