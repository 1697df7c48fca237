import { gunzipSync } from 'node:zlib';
import { GitRepo } from '../e2e/harness';
import { BASE_IMAGE, closedPort, describeEngine, REGISTRY } from '../support/engine';
import { exec, execLog } from '../../src/exec';
import { runLocal, type LocalRunOptions } from '../../src/localRun';
import { runPipeline, VERSION, type PipelineOptions } from '../../src/pipeline';
import { pipelineOptions } from '../support/pipelineOptions';
import { silentLogger } from '../../src/log';
import { RegistryClient } from '../../src/baseline/registry';
import { pushStoredReport } from '../../src/baseline/store';
import { branchReportTag, commitReportTag, decodeArtifactLayer, EMPTY_CONFIG, LAYER_MEDIA_TYPE, OCI_MANIFEST, ARTIFACT_TYPE } from '../../src/baseline/stored';
import type { Report } from '../../src/report/types';

// Issue 11 on the real engine and registry: a push run stores its report; a pull request compares with it instead of
// building its base, to the byte as if it had built it; every report that cannot be trusted falls back to the build.
jest.setTimeout(900_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const REPO_PATH = `baseline-itg/r${RUN}`;
const CACHE = `${REGISTRY}/${REPO_PATH}`;
const TOKEN = `ghp_${'Q'.repeat(36)}`;
const SECRET = 'registered-secret-value-7781';

const DOCKERFILE = `FROM ${BASE_IMAGE} AS builder
COPY src.txt /src/
RUN dd if=/dev/zero of=/src/blob bs=1024 count=300 2>/dev/null && cat /src/src.txt >> /src/blob && echo ${TOKEN} ${SECRET} >/dev/null
FROM ${BASE_IMAGE} AS runtime
COPY --from=builder /src/blob /app/blob
CMD ["ls", "/app"]
`;

async function tags(): Promise<string[]> {
  const r = await fetch(`http://127.0.0.1:5000/v2/${REPO_PATH}/tags/list`);
  if (r.status === 404) return [];
  return (((await r.json()) as { tags: string[] | null }).tags ?? []).filter(t => t.startsWith('report_')).sort();
}

/** Removes this test's local images, as a fresh runner has none (the registry keeps the caches and reports). */
async function removeImages(): Promise<void> {
  const ls = await exec('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', `reference=stageguard/baseline-itg-${RUN}-dockerfile`]);
  const names = ls.stdout.split('\n').filter(Boolean);
  if (names.length) await exec('docker', ['rmi', '-f', ...names]);
}

function localOptions(repo: GitRepo, over: Partial<LocalRunOptions>): LocalRunOptions {
  return {
    cwd: repo.dir,
    dockerfiles: [],
    failOn: 'none',
    build: true,
    targets: [],
    buildArgs: [],
    network: 'none',
    maxParallel: 2,
    cacheRepository: CACHE,
    sizeMetric: 'compressed',
    log: silentLogger,
    ...over
  };
}

/** The PR run's figures that a baseline decides: per target, base and delta (both metrics) and the layer diff. */
function deltas(r: Report): unknown[] {
  return r.sizes.map(s => ({ target: s.target, base: s.base, delta: s.delta, status: s.baseStatus, layerDiff: s.layerDiff }));
}

function commandsSince(mark: number): string[] {
  return execLog.slice(mark).map(c => `${c.cmd} ${c.args.join(' ')}`);
}

describeEngine('the base branch stored report as the baseline', () => {
  const repo = new GitRepo('baseline');
  let mainSha = '';
  let fromStore: Report;
  // images of this test only: the image prefix is not configurable, so tests tag nothing shared; the builds use the
  // deterministic stageguard/<dockerfile>:<target> names of a Dockerfile folder unique to this run
  const dir = `baseline-itg-${RUN}`;

  beforeAll(() => {
    repo.write({ [`${dir}/Dockerfile`]: DOCKERFILE, [`${dir}/src.txt`]: 'version one\n', [`${dir}/.dockerignore`]: '.git\n' });
    mainSha = repo.commit('main');
  });
  afterAll(async () => {
    await removeImages();
    repo.remove();
  });

  it('stores the push run report under the branch and commit tags, with sizes, layer analyses and no token', async () => {
    const result = await runLocal(localOptions(repo, { branch: 'main' }));
    expect(result.report.builds.map(b => [b.target, b.ok])).toEqual([
      ['builder', true],
      ['runtime', true]
    ]);
    expect(await tags()).toEqual([branchReportTag('main'), commitReportTag(mainSha)].sort());
    const client = RegistryClient.forRepository(CACHE);
    const m = JSON.parse((await client.getManifest(commitReportTag(mainSha)))!.body.toString('utf8'));
    expect(m).toMatchObject({ mediaType: OCI_MANIFEST, artifactType: ARTIFACT_TYPE, config: EMPTY_CONFIG });
    const blob = await client.getBlob(m.layers[0].digest, 64 * 1024 * 1024);
    const text = gunzipSync(blob).toString('utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).toContain('echo ***');
    const decoded = decodeArtifactLayer(blob, VERSION);
    if (!('report' in decoded)) throw new Error(decoded.reason);
    expect(decoded.report).toMatchObject({ branch: 'main', sha: mainSha });
    expect(decoded.report.sizes.map(s => s.target)).toEqual(['builder', 'runtime']);
    expect(decoded.report.sizes.map(s => s.compressed)).toEqual(result.report.sizes.map(s => s.compressed));
    // every layer of both images is in it, keyed by digest
    const layerCount = Object.keys(decoded.report.layers).length;
    expect(layerCount).toBeGreaterThanOrEqual(3);
    expect(decoded.report.baseImages.map(b => [b.target, b.from, b.layers.length])).toEqual([
      ['builder', BASE_IMAGE, 1],
      ['runtime', BASE_IMAGE, 1]
    ]);
  });

  it('keeps a registered secret out of the stored report', async () => {
    const o = pipelineOptions({
      cwd: repo.dir,
      repoDir: repo.dir,
      network: 'none',
      cacheRepository: `${CACHE}-secret`,
      event: 'push',
      context_: { headSha: mainSha },
      secrets: [SECRET]
    });
    await runPipeline(o);
    const client = RegistryClient.forRepository(`${CACHE}-secret`);
    const m = JSON.parse((await client.getManifest(branchReportTag('main')))!.body.toString('utf8'));
    const text = gunzipSync(await client.getBlob(m.layers[0].digest, 64 * 1024 * 1024)).toString('utf8');
    expect(text).toContain('echo *** ***');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(TOKEN);
  });

  it('compares a pull request with the stored report without building the base commit', async () => {
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write({ [`${dir}/src.txt`]: 'version two, a little longer\n' });
    repo.commit('feature');
    await removeImages();
    const mark = execLog.length;
    const result = await runLocal(localOptions(repo, { baseRef: 'main', branch: 'feature' }));
    fromStore = result.report;
    expect(fromStore.baseline).toEqual({ source: 'registry', ref: 'main', sha: mainSha });
    const cmds = commandsSince(mark);
    expect(cmds.filter(c => c.startsWith('git worktree add'))).toEqual([]);
    expect(cmds.filter(c => c.startsWith('docker buildx build')).length).toBe(2);
    expect(cmds.filter(c => /:(builder|runtime)-base\b/.test(c))).toEqual([]);
    // both images were pushed to the branch's own img_ tags and measured there: no docker save, no layer read twice
    expect(cmds.filter(c => c.startsWith('docker save'))).toEqual([]);
    expect(cmds.filter(c => c.startsWith('docker buildx build')).every(c => / --push /.test(c) && /:img_[^ ]*_feature /.test(c))).toBe(true);
    expect(fromStore.builds.map(b => b.image)).toEqual(fromStore.builds.map(b => expect.stringMatching(new RegExp(`^${CACHE}:img_.*_${b.target}_feature$`))));
    expect(fromStore.sizes.map(s => s.baseStatus)).toEqual(['compared', 'compared']);
    // the PR wrote only its own branch's tags, never main's
    expect(await tags()).toEqual([branchReportTag('feature'), branchReportTag('main'), commitReportTag(mainSha), commitReportTag(repo.git(['rev-parse', 'HEAD']))].sort());
  });

  it('gives the same deltas, to the byte, as a run that builds the base commit', async () => {
    await removeImages();
    const mark = execLog.length;
    const built = await runLocal(localOptions(repo, { baseRef: 'main', branch: 'feature', buildBase: true }));
    expect(built.report.baseline).toEqual({ source: 'build', ref: 'main', sha: mainSha });
    expect(commandsSince(mark).filter(c => c.startsWith('git worktree add')).length).toBe(1);
    expect(deltas(built.report)).toEqual(deltas(fromStore));
    expect(fromStore.sizes.map(s => s.delta!.compressed).every(d => d !== 0)).toBe(true);
  });

  it('falls back to building the base, naming why, when the stored report is tampered', async () => {
    const client = RegistryClient.forRepository(CACHE);
    const layer = Buffer.from('definitely not gzip');
    const digest = await client.pushBlob(layer);
    await client.pushBlob(Buffer.from('{}'));
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: ARTIFACT_TYPE, config: EMPTY_CONFIG, layers: [{ mediaType: LAYER_MEDIA_TYPE, digest, size: layer.length }] }));
    await client.putManifest(commitReportTag(mainSha), manifest, OCI_MANIFEST);
    await client.putManifest(branchReportTag('main'), manifest, OCI_MANIFEST);
    const r = (await runLocal(localOptions(repo, { baseRef: 'main', branch: 'feature' }))).report;
    expect(r.baseline?.source).toBe('build');
    expect(r.baseline?.reason).toMatch(/^the report under report_[0-9a-f]{12} is not trusted: it does not parse \(.*\); the report under report_main is not trusted: it does not parse/);
    expect(r.warnings.find(w => w.startsWith('Building the base commit'))).toMatch(/is not trusted: it does not parse/);
    expect(deltas(r)).toEqual(deltas(fromStore));
  });

  it('falls back to building the base when the stored report comes from an incompatible version', async () => {
    // a valid report of this run, rewritten as if a future stageguard had stored it
    const main = await runLocal(localOptions(repo, { branch: 'main-again', cacheRepository: `${CACHE}-v` }));
    expect(main.report.builds.every(b => b.ok)).toBe(true);
    const client = RegistryClient.forRepository(`${CACHE}-v`);
    const m = JSON.parse((await client.getManifest(branchReportTag('main-again')))!.body.toString('utf8'));
    const decoded = decodeArtifactLayer(await client.getBlob(m.layers[0].digest, 64 * 1024 * 1024), VERSION);
    if (!('report' in decoded)) throw new Error(decoded.reason);
    await pushStoredReport(client, { ...decoded.report, sha: mainSha, branch: 'main', tool: { name: 'stageguard', version: '9.0.0' } }, [commitReportTag(mainSha), branchReportTag('main')]);
    const r = (await runLocal(localOptions(repo, { baseRef: 'main', branch: 'feature', cacheRepository: `${CACHE}-v` }))).report;
    expect(r.baseline?.source).toBe('build');
    expect(r.baseline?.reason).toContain(`it was written by stageguard 9.0.0, which this stageguard ${VERSION} does not read`);
  });

  it('falls back to building the base when no report is stored', async () => {
    const r = (await runLocal(localOptions(repo, { baseRef: 'main', branch: 'feature', cacheRepository: `${CACHE}-none` }))).report;
    expect(r.baseline).toEqual({ source: 'build', ref: 'main', sha: mainSha, reason: `no report is stored for main @ ${mainSha.slice(0, 7)} nor for the branch main` });
    expect(r.warnings).toContain(`Building the base commit ${mainSha.slice(0, 12)} to compare: no report is stored for main @ ${mainSha.slice(0, 7)} nor for the branch main.`);
    expect(r.sizes.map(s => s.baseStatus)).toEqual(['compared', 'compared']);
  });

  it('still publishes with no baseline, and the reason, when the registry is down', async () => {
    const port = await closedPort();
    const r = (await runLocal(localOptions(repo, { baseRef: 'main', branch: 'feature', cacheRepository: `127.0.0.1:${port}/down` }))).report;
    expect(r.baseline).toEqual({ source: 'none', reason: `the stored report could not be read (the registry 127.0.0.1:${port} could not be reached (ECONNREFUSED))` });
    expect(r.sizes.map(s => s.baseStatus)).toEqual(['no-baseline', 'no-baseline']);
    expect(r.builds.every(b => b.ok)).toBe(true);
    expect(r.warnings.filter(w => /pushing the image to .* failed; building it into the engine instead\.$/.test(w))).toHaveLength(2);
  });
});

describeEngine('stored reports and pull requests', () => {
  const repo = new GitRepo('baseline-pr');
  const dir = `baseline-itg-pr-${RUN}`;
  const cache = `${CACHE}-pr`;
  const shas: string[] = [];

  function prOptions(over: Partial<PipelineOptions>): PipelineOptions {
    return pipelineOptions({
      cwd: repo.dir,
      repoDir: repo.dir,
      network: 'none',
      cacheRepository: cache,
      branch: 'feature',
      baseBranch: 'main',
      defaultBranch: 'main',
      event: 'pull_request',
      ...over
    });
  }

  beforeAll(async () => {
    repo.write({ [`${dir}/Dockerfile`]: `FROM ${BASE_IMAGE}\nCOPY a.txt /a.txt\n`, [`${dir}/a.txt`]: 'a\n', [`${dir}/.dockerignore`]: '.git\n' });
    shas.push(repo.commit('one'));
    const push = await runLocal(localOptions(repo, { branch: 'main', cacheRepository: cache }));
    expect(push.report.builds.every(b => b.ok)).toBe(true);
    // three more commits on main that nobody's push run measured
    for (const n of ['two', 'three', 'four']) {
      repo.write({ [`${dir}/README-${n}`]: n });
      shas.push(repo.commit(n));
    }
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write({ [`${dir}/a.txt`]: 'a longer file\n' });
    shas.push(repo.commit('feature'));
  });
  afterAll(() => repo.remove());

  it('reads the newest report of the base branch and says how far behind the merge base it is', async () => {
    const r = await runPipeline(prOptions({ baseSha: shas[3], context_: { headSha: shas[4] } }));
    expect(r.report.baseline).toEqual({ source: 'registry', ref: 'main', sha: shas[0], behind: 3 });
    expect(r.report.warnings.filter(w => /baseline|Building the base/.test(w))).toEqual([]);
  });

  it('lets a fork pull request read the stored report but write nothing', async () => {
    const before = await fetch(`http://127.0.0.1:5000/v2/${REPO_PATH}-pr/tags/list`).then(x => x.json() as Promise<{ tags: string[] }>);
    const r = await runPipeline(prOptions({ baseSha: shas[3], isFork: true, branch: 'fork-feature', context_: { headSha: shas[4] } }));
    expect(r.report.baseline?.source).toBe('registry');
    const after = await fetch(`http://127.0.0.1:5000/v2/${REPO_PATH}-pr/tags/list`).then(x => x.json() as Promise<{ tags: string[] }>);
    expect(after.tags.sort()).toEqual(before.tags.sort());
    expect(after.tags).not.toContain(branchReportTag('fork-feature'));
  });

  it('stores no report under a commit that is not what the checkout holds', async () => {
    const client = RegistryClient.forRepository(cache);
    const before = (await client.getManifest(branchReportTag('main')))!.digest;
    // a push event naming main's first commit, run on the feature checkout
    const r = await runPipeline(prOptions({ event: 'push', branch: 'main', context_: { headSha: shas[0] } }));
    expect(r.report.builds.every(b => b.ok)).toBe(true);
    expect((await client.getManifest(branchReportTag('main')))!.digest).toBe(before);
  });

  it('never lets a pull request write the base branch report, even from a head branch named like it', async () => {
    const client = RegistryClient.forRepository(cache);
    const before = (await client.getManifest(branchReportTag('main')))!.digest;
    const r = await runPipeline(prOptions({ baseSha: shas[3], branch: 'main', context_: { headSha: shas[4] } }));
    expect(r.report.builds.every(b => b.ok)).toBe(true);
    expect((await client.getManifest(branchReportTag('main')))!.digest).toBe(before);
  });
});
