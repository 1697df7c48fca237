import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeEngine } from '../support/engine';
import { exec } from '../../src/exec';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { detectBuilder, type BuilderInfo } from '../../src/buildx/builder';
import { planBuilds, type PlanOptions } from '../../src/buildx/plan';
import { runBuilds } from '../../src/buildx/run';
import { buildAtRef } from '../../src/buildx/baseline';
import { cacheTag } from '../../src/buildx/cacheRefs';
import { buildCommand } from '../../src/cli/build';
import { silentLogger } from '../../src/log';
import type { BuildResult } from '../../src/buildx/types';

// The done-when list, proven on the real engine and the registry on 127.0.0.1:5000.
jest.setTimeout(600_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const REPO_PATH = `sgtest-build/c${RUN}`;
const CACHE = `localhost:5000/${REPO_PATH}`;
const PREFIX = `sgtest-build/${RUN}`;
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'build');
const ACCEPT = 'application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';

async function registryJson<T>(p: string): Promise<T> {
  const r = await fetch(`http://127.0.0.1:5000${p}`);
  if (!r.ok) throw new Error(`GET ${p}: ${r.status}`);
  return (await r.json()) as T;
}
async function catalog(): Promise<string[]> {
  // The registry serves at most 1000 names a page; follow `last=` until a short page.
  const all: string[] = [];
  for (;;) {
    const last = all.length ? `&last=${encodeURIComponent(all[all.length - 1])}` : '';
    const page = (await registryJson<{ repositories: string[] }>(`/v2/_catalog?n=1000${last}`)).repositories ?? [];
    all.push(...page);
    if (page.length < 1000) return all;
  }
}
const tags = async (repo = REPO_PATH): Promise<string[]> => ((await registryJson<{ tags: string[] | null }>(`/v2/${repo}/tags/list`)).tags ?? []).sort();
async function digest(tag: string, repo = REPO_PATH): Promise<string | null> {
  const r = await fetch(`http://127.0.0.1:5000/v2/${repo}/manifests/${tag}`, { method: 'HEAD', headers: { Accept: ACCEPT } });
  return r.ok ? r.headers.get('docker-content-digest') : null;
}

function copyFixture(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sgtest-build-${name}-`));
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

async function emptyLocalCache(): Promise<void> {
  // As the issue asks: drop the whole BuildKit cache and our images, so only the registry cache can make a build warm.
  const prune = await exec('docker', ['buildx', 'prune', '-af']);
  expect(prune.exitCode).toBe(0);
  await removeImages();
}

async function removeImages(): Promise<void> {
  const list = await exec('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}']);
  const ours = list.stdout.split('\n').filter(l => l.includes(PREFIX));
  if (ours.length) await exec('docker', ['image', 'rm', '-f', ...ours]);
}

const byTarget = (results: BuildResult[], target: string): BuildResult => {
  const r = results.find(x => x.target === target);
  if (!r) throw new Error(`no result for ${target}: ${JSON.stringify(results)}`);
  return r;
};

describeEngine('building every target with registry caching (real engine and registry)', () => {
  let builder: BuilderInfo;
  let twoStage: string;
  const nonce = `n${RUN}`;

  const build = async (over: Partial<PlanOptions>, buildArgs = [`NONCE=${nonce}`], root = twoStage) => {
    const model = parseDockerfile('Dockerfile', fs.readFileSync(path.join(root, 'Dockerfile')));
    const { plans, warnings } = planBuilds([model], { root, cacheRepository: CACHE, branch: 'main', defaultBranch: 'main', event: 'push', imagePrefix: PREFIX, ...over });
    const info = await runBuilds(plans, { log: silentLogger, maxParallel: 1, network: 'none', buildArgs, builder });
    return { plans, info, warnings: [...warnings, ...info.warnings] };
  };

  beforeAll(async () => {
    builder = await detectBuilder();
    twoStage = copyFixture('two-stage');
  });

  afterAll(async () => {
    await removeImages();
  });

  it('detects that the default docker driver with the containerd store can export caches', () => {
    expect(builder).toMatchObject({ driver: 'docker', canExportCache: true });
    expect(builder.warning).toBeUndefined();
  });

  it('(1) exports the caches of both stages to the registry on a cold build', async () => {
    const { info } = await build({});
    const builderStage = byTarget(info.results, 'builder');
    expect(info.results.map(r => [r.target, r.ok])).toEqual([['builder', true], ['stage-1', true]]);
    // The two RUNs use the fresh NONCE so they really run; WORKDIR and COPY may still be in the engine's local cache.
    expect(builderStage.steps.total).toBe(4);
    expect(builderStage.steps.executed).toBeGreaterThanOrEqual(2);
    expect(builderStage.steps.cached + builderStage.steps.executed).toBe(4);
    expect(builderStage.cacheFrom).toEqual([{ ref: `${CACHE}:dockerfile_builder_main`, hit: false }]);
    expect(builderStage.cacheTo).toBe(`${CACHE}:dockerfile_builder_main`);
    expect(builderStage.image).toBe(`${PREFIX}/dockerfile:builder`);
    expect(await catalog()).toContain(REPO_PATH);
    expect(await tags()).toEqual(['dockerfile_builder_main', 'dockerfile_stage-1_main']);
    const inspect = await exec('docker', ['image', 'inspect', `${PREFIX}/dockerfile:stage-1`]);
    expect(inspect.exitCode).toBe(0);
  });

  it('(2) rebuilds with every builder step CACHED from the registry after the local cache is emptied', async () => {
    await emptyLocalCache();
    const { info } = await build({});
    const b = byTarget(info.results, 'builder');
    expect(b.ok).toBe(true);
    expect(b.steps).toEqual({ total: 4, cached: 4, executed: 0 });
    expect(b.cacheFrom).toEqual([{ ref: `${CACHE}:dockerfile_builder_main`, hit: true }]);
    const final = byTarget(info.results, 'stage-1');
    expect(final.steps.executed).toBe(0);
    expect(final.steps.cached).toBe(final.steps.total);
  });

  let mainDigests: (string | null)[] = [];
  it('(3) builds a new branch warm from the base branch cache ref on its first build', async () => {
    await emptyLocalCache();
    mainDigests = [await digest('dockerfile_builder_main'), await digest('dockerfile_stage-1_main')];
    const branch = `feature/new-${RUN}`;
    const { info } = await build({ event: 'pull_request', branch, baseBranch: 'main' });
    const b = byTarget(info.results, 'builder');
    expect(b.ok).toBe(true);
    expect(b.cacheFrom).toEqual([
      { ref: `${CACHE}:${cacheTag('Dockerfile', 'builder', branch)}`, hit: false },
      { ref: `${CACHE}:dockerfile_builder_main`, hit: true }
    ]);
    expect(b.steps).toEqual({ total: 4, cached: 4, executed: 0 });
    expect(b.cacheTo).toBe(`${CACHE}:${cacheTag('Dockerfile', 'builder', branch)}`);
    expect(await tags()).toContain(cacheTag('Dockerfile', 'builder', branch));
  });

  it('(4) never writes the base branch ref from a pull request, even when the head branch is named like the base', async () => {
    expect(mainDigests.every(d => d !== null)).toBe(true);
    // A PR that changes what the builder produces: it must get its own ref, main's stays byte-identical.
    const branch = `poison-${RUN}`;
    const changed = await build({ event: 'pull_request', branch, baseBranch: 'main' }, [`NONCE=${nonce}-pr`]);
    expect(changed.info.results.map(r => [r.target, r.ok])).toEqual([['builder', true], ['stage-1', true]]);
    expect(byTarget(changed.info.results, 'builder').steps.executed).toBeGreaterThan(0);
    // A PR whose head branch is called `main` (e.g. from misconfigured inputs) is refused outright.
    const sneaky = await build({ event: 'pull_request', branch: 'main', baseBranch: 'main' }, [`NONCE=${nonce}-sneaky`]);
    expect(sneaky.warnings.some(w => /Refusing to write the registry cache/.test(w))).toBe(true);
    expect(sneaky.info.results.map(r => r.cacheTo)).toEqual([null, null]);
    expect(sneaky.info.commands.some(c => c.includes('--cache-to'))).toBe(false);
    expect([await digest('dockerfile_builder_main'), await digest('dockerfile_stage-1_main')]).toEqual(mainDigests);
    const all = await tags();
    expect(all.filter(t => t.endsWith('_main'))).toEqual(['dockerfile_builder_main', 'dockerfile_stage-1_main']);
    expect(all).toContain(cacheTag('Dockerfile', 'builder', branch));
  });

  it('(5) reports a failing RUN with its log tail while the other stages still build (CLI, JSON)', async () => {
    const dir = copyFixture('failing');
    let out = '';
    let err = '';
    const code = await buildCommand(
      ['Dockerfile', '--cache-repository', CACHE, '--branch', `fail-${RUN}`, '--base-branch', 'main', '--network', 'none', '--target', 'builder', '--target', 'broken', '--target', 'stage-2', '--build-arg', `NONCE=${nonce}`, '--image-prefix', PREFIX, '--max-parallel', '2', '--format', 'json'],
      { stdout: s => (out += s), stderr: s => (err += s), cwd: dir }
    );
    expect(code).toBe(1);
    const report = JSON.parse(out) as { builds: BuildResult[] };
    expect(Object.keys(report)).toEqual(['builds']);
    // the documented shape first; what the report adds to explain a build (cacheMiss, cacheTime, stepSeconds) after it
    for (const b of report.builds) expect(Object.keys(b).slice(0, 9)).toEqual(['dockerfile', 'target', 'ok', 'seconds', 'image', 'steps', 'cacheFrom', 'cacheTo', 'error']);
    for (const b of report.builds) expect(Object.keys(b).slice(9).every(k => ['cacheMiss', 'cacheTime', 'stepSeconds'].includes(k))).toBe(true);
    expect(report.builds.map(b => [b.target, b.ok])).toEqual([['builder', true], ['broken', false], ['stage-2', true]]);
    const broken = byTarget(report.builds, 'broken');
    expect(broken.error).toContain("error: widget.c:42: expected ';'");
    expect(broken.error).toContain(`compiling ${nonce}`);
    expect(broken.error).toContain('exit code: 3');
    expect(broken.image).toBeNull();
    expect(byTarget(report.builds, 'stage-2').image).toBe(`${PREFIX}/dockerfile:stage-2`);
    expect(err).toContain('Build Dockerfile → broken');
  });

  it('(6) warns and builds cold when the cache registry is down', async () => {
    const { info, warnings } = await build({ cacheRepository: '127.0.0.1:5999/sgtest-build/down' }, [`NONCE=${nonce}-down`]);
    expect(info.results.map(r => [r.target, r.ok])).toEqual([['builder', true], ['stage-1', true]]);
    const b = byTarget(info.results, 'builder');
    expect(b.steps.executed).toBeGreaterThanOrEqual(2); // both RUNs (fresh NONCE) ran: a cold build
    expect(b.cacheFrom).toEqual([{ ref: '127.0.0.1:5999/sgtest-build/down:dockerfile_builder_main', hit: false }]);
    expect(warnings.some(w => /cache registry could not be read .*connection refused/.test(w))).toBe(true);
    expect(warnings.some(w => /exporting the cache to 127.0.0.1:5999\/sgtest-build\/down:dockerfile_builder_main failed/.test(w))).toBe(true);
  });

  it('builds the base commit in a worktree, importing the base cache only, and removes the worktree', async () => {
    const repo = copyFixture('two-stage');
    const git = async (...args: string[]) => {
      const r = await exec('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });
      expect(r.exitCode).toBe(0);
      return r.stdout.trim();
    };
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-qm', 'base');
    const baseSha = await git('rev-parse', 'HEAD');
    fs.appendFileSync(path.join(repo, 'input.txt'), 'changed in the PR\n');
    await git('commit', '-qam', 'pr');
    const model = parseDockerfile('Dockerfile', fs.readFileSync(path.join(repo, 'Dockerfile')));
    const { plans } = planBuilds([model], { root: repo, cacheRepository: CACHE, branch: `pr-${RUN}`, baseBranch: 'main', defaultBranch: 'main', event: 'pull_request', imagePrefix: PREFIX });
    const before = await tags();
    const info = await buildAtRef({ repoDir: repo, sha: baseSha, plans, cacheRepository: CACHE, baseBranch: 'main', log: silentLogger, network: 'none', buildArgs: [`NONCE=${nonce}`], builder });
    expect(info.results.map(r => [r.target, r.ok, r.image, r.cacheTo])).toEqual([
      ['builder', true, `${PREFIX}/dockerfile:builder-base`, null],
      ['stage-1', true, `${PREFIX}/dockerfile:stage-1-base`, null]
    ]);
    // The base content equals what (1) built on main, so its cache makes every builder step CACHED.
    expect(byTarget(info.results, 'builder').cacheFrom).toEqual([{ ref: `${CACHE}:dockerfile_builder_main`, hit: true }]);
    expect(byTarget(info.results, 'builder').steps.executed).toBe(0);
    expect(info.commands.some(c => c.includes('--cache-to'))).toBe(false);
    expect(await tags()).toEqual(before);
    expect((await git('worktree', 'list')).split('\n')).toHaveLength(1);
  });
});
