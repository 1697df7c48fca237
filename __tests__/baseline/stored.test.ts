import { gunzipSync, gzipSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configKeysFor, credentialsFromAuths, dockerCredentials, parseChallenge, parseRepository, registryBaseUrl } from '../../src/baseline/registry';
import { reportWriteTags } from '../../src/baseline/store';
import { baselineLine } from '../../src/baseline/info';
import {
  branchReportTag,
  buildArgsDigest,
  commitReportTag,
  decodeArtifactLayer,
  encodeArtifact,
  fitProblem,
  loadLayer,
  storeLayer,
  versionProblem,
  type StoredReport
} from '../../src/baseline/stored';

const SHA = '0123456789abcdef0123456789abcdef01234567';

function report(over: Partial<StoredReport> = {}): StoredReport {
  return {
    schema: 1,
    tool: { name: 'stageguard', version: '0.1.0' },
    branch: 'main',
    sha: SHA,
    created: '2026-12-01T00:00:00.000Z',
    inputs: { buildArgs: buildArgsDigest([]), platform: null },
    dockerfiles: [{ path: 'app/Dockerfile', stages: ['builder', 'runtime'] }],
    targets: [
      { dockerfile: 'app/Dockerfile', target: 'builder' },
      { dockerfile: 'app/Dockerfile', target: 'runtime' }
    ],
    sizes: [],
    baseImages: [],
    layers: {},
    lint: { files: [], summary: { files: 0, violations: 0, bySeverity: { error: 0, warning: 0, info: 0, style: 0 } } },
    ...over
  };
}

describe('registry references', () => {
  test.each([
    ['localhost:5000/cache', { host: 'localhost:5000', repository: 'cache' }],
    ['ghcr.io/org/app/stageguard-cache', { host: 'ghcr.io', repository: 'org/app/stageguard-cache' }],
    ['org/cache', { host: 'docker.io', repository: 'org/cache' }],
    ['cache', { host: 'docker.io', repository: 'library/cache' }],
    ['localhost/cache/', { host: 'localhost', repository: 'cache' }]
  ])('%#: %s splits into its registry host and repository path', (ref, want) => {
    expect(parseRepository(ref)).toEqual(want);
  });

  it('refuses a cache repository that names a tag', () => {
    expect(() => parseRepository('ghcr.io/org/cache:main')).toThrow('"ghcr.io/org/cache:main" names a tag or digest, not a repository');
  });

  test.each([
    ['localhost:5000', 'http://localhost:5000'],
    ['127.0.0.1:5000', 'http://127.0.0.1:5000'],
    ['ghcr.io', 'https://ghcr.io'],
    ['docker.io', 'https://registry-1.docker.io'],
    ['registry.example.com:443', 'https://registry.example.com:443']
  ])('%#: %s is spoken to at %s', (host, url) => {
    expect(registryBaseUrl(host)).toBe(url);
  });

  test.each([
    ['Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:o/r:pull"', 'bearer', { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:o/r:pull' }],
    ['Basic realm="Registry Realm"', 'basic', { realm: 'Registry Realm' }],
    ['', '', {}]
  ])('%#: the challenge %j has its scheme and parameters', (header, scheme, params) => {
    expect(parseChallenge(header)).toEqual({ scheme, params });
  });

  test.each([
    [{ auths: { 'ghcr.io': { auth: Buffer.from('bot:ghp_x:y').toString('base64') } } }, 'ghcr.io', { username: 'bot', secret: 'ghp_x:y' }],
    [{ auths: { 'https://index.docker.io/v1/': { auth: Buffer.from('me:pw').toString('base64') } } }, 'docker.io', { username: 'me', secret: 'pw' }],
    [{ auths: { 'https://ghcr.io': { identitytoken: 'tok' } } }, 'ghcr.io', { username: '<token>', secret: 'tok' }],
    [{ auths: { 'quay.io': { auth: Buffer.from('a:b').toString('base64') } } }, 'ghcr.io', null],
    [{}, 'ghcr.io', null]
  ])('%#: docker config auths give %j for %s', (config, host, want) => {
    expect(credentialsFromAuths(config, host)).toEqual(want);
  });

  it('looks a registry up under the keys docker login writes', () => {
    expect(configKeysFor('ghcr.io')).toContain('ghcr.io');
    expect(configKeysFor('docker.io')[0]).toBe('https://index.docker.io/v1/');
  });
});

describe('report tags', () => {
  test.each([
    ['main', 'report_main'],
    // a branch name that is not a tag already: its readable part and 8 hex of its sha256, so `Main` and `main` differ
    ['feature/login', 'report_feature-login-df7c7aeb'],
    ['Main', 'report_main-eb814be3']
  ])('%#: branch %s has tag %s', (branch, tag) => {
    expect(branchReportTag(branch)).toBe(tag);
    expect(tag).toMatch(/^report_[a-z0-9-]+$/);
  });

  it('never gives a branch the tag of a commit, even when the branch is named like one', () => {
    expect(branchReportTag('0123456789ab')).not.toBe(commitReportTag(SHA));
    expect(branchReportTag('0123456789ab')).toMatch(/^report_0123456789ab-[0-9a-f]{8}$/);
    expect(branchReportTag('release/1.2')).not.toBe(branchReportTag('release-1-2'));
  });

  it('tags a commit by its first 12 hex digits and refuses what is not a sha', () => {
    expect(commitReportTag(SHA)).toBe('report_0123456789ab');
    expect(() => commitReportTag('main')).toThrow('"main" is not a commit sha');
  });

  test.each([
    ['a push to main writes main and the commit', { event: 'push', branch: 'main', isFork: false }, { tags: ['report_main', 'report_0123456789ab'] }],
    ['the CLI on a branch writes the branch and the commit', { event: 'local', branch: 'dev', isFork: false }, { tags: ['report_dev', 'report_0123456789ab'] }],
    ['a pull request writes only its own branch', { event: 'pull_request', branch: 'feature-x', isFork: false }, { tags: ['report_feature-x'] }],
    [
      'a pull request whose head branch is named like its base writes nothing',
      { event: 'pull_request', branch: 'main', isFork: false },
      { tags: [], refusal: 'the report tag report_main is the protected branch "main"\'s, and a pull request (branch "main") must never write it' }
    ],
    [
      'a pull request never writes the default branch',
      { event: 'pull_request', branch: 'trunk', isFork: false, baseBranch: 'release', defaultBranch: 'trunk' },
      { tags: [], refusal: 'the report tag report_trunk is the protected branch "trunk"\'s, and a pull request (branch "trunk") must never write it' }
    ],
    ['a fork pull request writes nothing', { event: 'pull_request', branch: 'feature-x', isFork: true }, { tags: [], refusal: 'a pull request from a fork reads stored reports but writes none' }],
    ['a run without a cache repository writes nothing', { event: 'push', branch: 'main', isFork: false, cacheRepository: ' ' }, { tags: [], refusal: 'no cache-repository is set' }]
  ])('%#: %s', (_name, over, want) => {
    expect(reportWriteTags({ cacheRepository: 'localhost:5000/c', sha: SHA, baseBranch: 'main', defaultBranch: 'main', ...over })).toEqual(want);
  });
});

describe('trusting a stored report', () => {
  test.each([
    ['0.1.0', '0.1.0', null],
    ['0.1.0', '0.1.7', null],
    ['0.2.0', '0.1.0', 'it was written by stageguard 0.2.0, which this stageguard 0.1.0 does not read'],
    ['1.0.0', '1.4.2', null],
    ['2.0.0', '1.4.2', 'it was written by stageguard 2.0.0, which this stageguard 1.4.2 does not read'],
    ['next', '0.1.0', 'its stageguard version "next" is not a version']
  ])('%#: a report of %s read by %s: %s', (stored, current, want) => {
    expect(versionProblem(stored, current)).toBe(want);
  });

  it('round-trips a report through its artifact layer', () => {
    const r = report();
    const { layer } = encodeArtifact(r);
    expect(decodeArtifactLayer(layer, '0.1.0')).toEqual({ report: r });
  });

  test.each([
    ['not gzip', Buffer.from('{}'), /^it does not parse \(/],
    ['gzip of text', gzipSync('hello'), /^it does not parse \(/],
    ['another schema', gzipSync(JSON.stringify({ ...report(), schema: 2 })), /^its schema is 2, this stageguard reads schema 1$/],
    ['a size without bytes', gzipSync(JSON.stringify({ ...report(), sizes: [{ dockerfile: 'a', target: 'b', image: 'c', compressed: '1' }] })), /^sizes\[0\] has no byte counts$/],
    ['a layer keyed by a path', gzipSync(JSON.stringify({ ...report(), layers: { 'x/layer.tar': {} } })), /^layer key "x\/layer.tar" is not a digest$/],
    ['no commit', gzipSync(JSON.stringify({ ...report(), sha: 'main' })), /^it names no branch and commit$/]
  ])('%#: refuses a layer that is %s', (_name, layer, reason) => {
    const out = decodeArtifactLayer(layer, '0.1.0');
    expect('reason' in out && out.reason).toMatch(reason);
  });

  it('keeps every token and registered secret out of the stored layer', () => {
    const token = `ghp_${'A'.repeat(36)}`;
    const r = report({ branch: `leak ${token}`, lint: { files: [], summary: { files: 0, violations: 0, bySeverity: { error: 0, warning: 0, info: 0, style: 0 } } } });
    (r.sizes as unknown[]).push({ note: 'the value hunter2-secret-value was echoed' });
    const { layer } = encodeArtifact(r, ['hunter2-secret-value']);
    const text = gunzipSync(layer).toString('utf8');
    expect(text).not.toContain(token);
    expect(text).not.toContain('hunter2-secret-value');
    expect(text).toContain('***');
  });

  it('stores layers compactly and loads them back as the archive reader made them', () => {
    const l = { key: 'sha256:' + 'a'.repeat(64), compressedSize: 10, uncompressedSize: 20, gzip: true, entries: [{ path: 'a', size: 3, type: 'file' as const }, { path: 'b', size: 0, type: 'symlink' as const, linkname: 'a' }] };
    expect(loadLayer(l.key, storeLayer(l))).toEqual(l);
  });

  const targets = [
    { dockerfile: 'app/Dockerfile', target: 'builder' },
    { dockerfile: 'app/Dockerfile', target: 'runtime' }
  ];
  test.each([
    ['the same targets and inputs', {}, null],
    ['a stage the PR adds', { targets: [...targets, { dockerfile: 'app/Dockerfile', target: 'debug' }] }, null],
    ['a Dockerfile the PR adds', { targets: [...targets, { dockerfile: 'new/Dockerfile', target: 'stage-0' }], existedAt: () => false }, null],
    ['a Dockerfile it never built', { targets: [...targets, { dockerfile: 'other/Dockerfile', target: 'stage-0' }], existedAt: () => true }, 'it was made for other Dockerfiles (other/Dockerfile is not in it)'],
    ['other build args', { buildArgs: ['VERSION=2'] }, 'it was built with other build args'],
    ['another platform', { platform: 'linux/arm64' }, 'it was built for platform (default), this run for linux/arm64']
  ])('%#: a PR with %s: %s', (_name, over, want) => {
    expect(fitProblem(report(), { targets, buildArgs: [], ...over })).toBe(want);
  });

  it('refuses a report that lists a stage but did not build it', () => {
    expect(fitProblem(report({ targets: [targets[1]] }), { targets, buildArgs: [] })).toBe('it did not build app/Dockerfile (builder)');
  });
});

describe('the baseline in words', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';
  test.each([
    [{ source: 'registry' as const, ref: 'main', sha }, 'baseline: main @ 0123456, the base commit (its stored report)'],
    [{ source: 'registry' as const, ref: 'main', sha, behind: 3 }, 'baseline: main @ 0123456, 3 commits before the merge base (its stored report)'],
    [{ source: 'registry' as const, ref: 'main', sha, behind: 1 }, 'baseline: main @ 0123456, 1 commit before the merge base (its stored report)'],
    [{ source: 'registry' as const, ref: 'main', sha, behind: 0 }, 'baseline: main @ 0123456, the merge base (its stored report)'],
    [{ source: 'build' as const, ref: 'main', sha }, 'baseline: main @ 0123456, built for this run'],
    [{ source: 'build' as const, ref: 'main', sha, reason: 'no report is stored' }, 'baseline: main @ 0123456, built for this run (no stored report used: no report is stored)'],
    [{ source: 'none' as const, reason: 'the registry is down' }, 'no baseline: the registry is down']
  ])('%#: %j reads %j', (info, text) => {
    expect(baselineLine(info)).toBe(text);
  });
});

describe('docker login\'s credentials', () => {
  it('reads them from a docker config whose auth entry names the registry, and stays anonymous without one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-dockercfg-'));
    try {
      fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { 'localhost:5000': { auth: Buffer.from('ci:s3cret-value').toString('base64') } } }));
      expect(await dockerCredentials('localhost:5000', { DOCKER_CONFIG: dir })).toEqual({ username: 'ci', secret: 's3cret-value' });
      expect(await dockerCredentials('ghcr.io', { DOCKER_CONFIG: dir })).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
