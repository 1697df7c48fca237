import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { confinedPath, readInWorkspace, writeInWorkspace } from '../../src/fs/workspace';
import { discoverDockerfiles } from '../../src/dockerfile/discover';

const SECRET = '//registry.npmjs.org/:_authToken=npm_outsideTheWorkspace0123';

describe('the workspace reader', () => {
  let top: string;
  let ws: string;
  beforeAll(() => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-ws-'));
    ws = path.join(top, 'workspace');
    fs.mkdirSync(path.join(ws, 'app'), { recursive: true });
    fs.writeFileSync(path.join(top, 'npmrc'), `${SECRET}\n`);
    fs.writeFileSync(path.join(ws, 'app', 'Dockerfile'), 'FROM busybox\n');
    fs.writeFileSync(path.join(ws, 'big'), Buffer.alloc(2048, 0x41));
    fs.symlinkSync(path.join(top, 'npmrc'), path.join(ws, 'to-npmrc'));
    fs.symlinkSync('../npmrc', path.join(ws, 'relative-out'));
    fs.symlinkSync('/dev/zero', path.join(ws, 'zero'));
    fs.symlinkSync('app/Dockerfile', path.join(ws, 'inside-link'));
    fs.symlinkSync('loop-b', path.join(ws, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(ws, 'loop-b'));
    fs.symlinkSync(top, path.join(ws, 'up'));
    execFileSync('mkfifo', [path.join(ws, 'fifo')]);
  });
  afterAll(() => fs.rmSync(top, { recursive: true, force: true }));

  it.each<[string, string, RegExp]>([
    ['a symlink to a file outside the workspace', 'to-npmrc', /symlink to a file outside the workspace/],
    ['a relative symlink that climbs out', 'relative-out', /symlink to a file outside the workspace/],
    ['a file below a folder symlinked out of the workspace', 'up/npmrc', /symlink to a file outside the workspace/],
    ['an absolute path outside the workspace', '/etc/passwd', /is outside the workspace/],
    ['a path that climbs out with ..', '../npmrc', /is outside the workspace/],
    ['a symlink to /dev/zero', 'zero', /outside the workspace/],
    ['a FIFO', 'fifo', /is a FIFO, not a regular file/],
    ['a folder', 'app', /is a directory, not a regular file/],
    ['a file over the byte bound', 'big', /is larger than 1024 bytes \(2048\)/],
    ['a symlink loop', 'loop-a', /symlink loop/],
    ['a missing file', 'nope', /does not exist/]
  ])('refuses %s, with a reason and without reading it', (_name, file, reason) => {
    const r = readInWorkspace(file, { root: ws, maxBytes: 1024 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toMatch(reason);
      expect(r.reason).not.toContain('npm_');
    }
  });

  it('reads a regular file, and a symlink that stays inside the workspace', () => {
    for (const f of ['app/Dockerfile', 'inside-link', path.join(ws, 'app', 'Dockerfile')]) {
      const r = readInWorkspace(f, { root: ws, maxBytes: 1024 });
      expect(r.ok && r.data.toString()).toBe('FROM busybox\n');
    }
  });

  it('refuses a /dev/zero inside the workspace root as a character device, reading nothing', () => {
    // the workspace is / here, so the device is inside: the regular-file check is what stops it
    const r = readInWorkspace('/dev/zero', { root: '/', maxBytes: 1024 });
    expect(r).toEqual({ ok: false, reason: 'is a character device, not a regular file', missing: false });
  });

  it.each<[string, boolean]>([
    ['sarif/out.sarif', true],
    ['app', true],
    ['up/escape.sarif', false],
    ['../escape.sarif', false],
    ['/tmp/escape.sarif', false],
    ['to-npmrc', false]
  ])('confines the path %s to the workspace: %s', (p, inside) => {
    expect(confinedPath(ws, p) !== null).toBe(inside);
  });
});

describe('discovery of Dockerfiles stays in the workspace', () => {
  let top: string;
  let ws: string;
  beforeAll(() => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-disc-'));
    ws = path.join(top, 'workspace');
    fs.mkdirSync(path.join(ws, 'app'), { recursive: true });
    fs.mkdirSync(path.join(top, 'outside'));
    fs.writeFileSync(path.join(top, 'outside', 'Dockerfile'), 'FROM secret\n');
    fs.writeFileSync(path.join(ws, 'app', 'Dockerfile'), 'FROM busybox\n');
    fs.symlinkSync('/', path.join(ws, 'rootlink'));
    fs.symlinkSync(path.join(top, 'outside'), path.join(ws, 'outlink'));
  });
  afterAll(() => fs.rmSync(top, { recursive: true, force: true }));

  it.each<[string, RegExp]>([
    ['rootlink', /"rootlink" is a symlink to a folder outside the workspace/],
    ['outlink', /"outlink" is a symlink to a folder outside the workspace/],
    ['rootlink/**/Dockerfile', /"rootlink\/\*\*\/Dockerfile" starts outside the workspace/],
    ['outlink/*', /starts outside the workspace/],
    ['../outside/Dockerfile', /is outside the workspace/],
    ['../**/Dockerfile', /starts outside the workspace/]
  ])('does not walk or read the argument %s, and says so', async (arg, message) => {
    const started = Date.now();
    const d = await discoverDockerfiles([arg, 'app/Dockerfile'], ws);
    expect(d.files).toEqual(['app/Dockerfile']);
    expect(d.refused).toHaveLength(1);
    expect(d.refused[0]).toMatch(message);
    // a walk of / would take far longer than this
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps a Dockerfile symlinked out of the workspace in the list, so the reader names its refusal', async () => {
    fs.symlinkSync(path.join(top, 'outside', 'Dockerfile'), path.join(ws, 'app', 'Dockerfile.out'));
    const d = await discoverDockerfiles(['app/Dockerfile.out'], ws);
    expect(d.files).toEqual(['app/Dockerfile.out']);
    expect(readInWorkspace('app/Dockerfile.out', { root: ws, maxBytes: 1024 }).ok).toBe(false);
  });
});

describe('the workspace writer', () => {
  let top: string;
  let ws: string;
  let tmp: string;
  beforeAll(() => {
    top = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-wsw-'));
    ws = path.join(top, 'workspace');
    tmp = path.join(top, 'runner-temp');
    fs.mkdirSync(ws);
    fs.mkdirSync(tmp);
    fs.writeFileSync(path.join(top, 'bashrc'), 'export PATH=/usr/bin\n');
    fs.symlinkSync(path.join(top, 'bashrc'), path.join(ws, 'results.sarif'));
    fs.symlinkSync(path.join(top, 'not-there-yet'), path.join(ws, 'dangling.sarif'));
    fs.symlinkSync(top, path.join(ws, 'up'));
    execFileSync('mkfifo', [path.join(ws, 'fifo.sarif')]);
  });
  afterAll(() => fs.rmSync(top, { recursive: true, force: true }));

  it.each<[string, string, RegExp]>([
    ['a path that climbs out', '../escaped.sarif', /is outside the workspace and the runner's temp folder; nothing was written/],
    ['an absolute path elsewhere', path.join(os.tmpdir(), 'elsewhere.sarif'), /is outside the workspace/],
    ['a symlink the PR committed to a file outside', 'results.sarif', /is outside the workspace/],
    ['a dangling symlink whose target is outside', 'dangling.sarif', /is a symlink; nothing was written through it/],
    ['a folder symlinked out', 'up/new.sarif', /is outside the workspace/],
    ['a FIFO', 'fifo.sarif', /is a FIFO or a device, not a regular file/]
  ])('refuses %s', (_name, file, message) => {
    expect(() => writeInWorkspace(file, 'x', [ws, tmp])).toThrow(message);
    expect(fs.readFileSync(path.join(top, 'bashrc'), 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(fs.existsSync(path.join(top, 'not-there-yet'))).toBe(false);
    expect(fs.existsSync(path.join(top, 'escaped.sarif'))).toBe(false);
  });

  it('writes inside the workspace (making folders) and in the runner temp folder', () => {
    expect(writeInWorkspace('out/deep/a.sarif', 'one', [ws, tmp])).toBe(path.join(ws, 'out', 'deep', 'a.sarif'));
    expect(fs.readFileSync(path.join(ws, 'out', 'deep', 'a.sarif'), 'utf8')).toBe('one');
    writeInWorkspace(path.join(tmp, 'b.sarif'), 'two', [ws, tmp]);
    expect(fs.readFileSync(path.join(tmp, 'b.sarif'), 'utf8')).toBe('two');
    // an existing file is replaced whole
    writeInWorkspace('out/deep/a.sarif', 'x', [ws, tmp]);
    expect(fs.readFileSync(path.join(ws, 'out', 'deep', 'a.sarif'), 'utf8')).toBe('x');
  });
});
