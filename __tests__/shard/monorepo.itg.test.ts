import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitRepo, nodeBinaries, requireBundle, runOnPullRequest, type ActionRun } from '../e2e/harness';
import { BASE_IMAGE, describeEngine } from '../support/engine';
import { useFakeGithub } from '../support/useFakeGithub';

jest.setTimeout(600_000);

const REPO = 'acme/mono';
const PR = 61;
/** Unique folders: images are tagged stageguard/<dockerfile path>:<target>, and other suites share the engine. */
const SERVICES = ['sgscale-e2e-api', 'sgscale-e2e-web', 'sgscale-e2e-worker'];

const dockerfile = (name: string): string => `FROM ${BASE_IMAGE} AS builder
WORKDIR /src
COPY data.txt ./
RUN mkdir -p /out && cp data.txt /out/${name}.txt && sha256sum data.txt > /out/sum

FROM ${BASE_IMAGE} AS final
COPY --from=builder /out /app
USER 1000
HEALTHCHECK NONE
CMD ["cat", "/app/sum"]
`;

const INPUTS = {
  'github-token': 'ghs_scaleTokenNeverPrinted0123',
  network: 'none',
  'fail-on': 'error',
  compare: 'true',
  'changed-only': 'true',
  'max-parallel': '2'
};

describeEngine('the three-job monorepo workflow, run as GitHub runs it (plan → shards → report)', () => {
  const github = useFakeGithub(requireBundle);
  const repo = new GitRepo('scale');
  const node = nodeBinaries()[0];
  let baseSha = '';
  let headSha = '';
  const run = (inputs: Record<string, string>): Promise<ActionRun> =>
    runOnPullRequest({ node: node.bin, apiUrl: github().url, repo: REPO, workspace: repo.dir, number: PR, baseSha, headSha, headRef: 'feature/mono', inputs: { ...INPUTS, ...inputs } });

  let plan: ActionRun;
  let matrix: { include: { shard: string; dockerfiles: string[]; cost: number }[] };
  const partials = new Map<string, string>();

  beforeAll(() => {
    const files: Record<string, string> = { 'README.md': '# mono\n', 'docs/Dockerfile': `FROM ${BASE_IMAGE}\nCMD ["true"]\n` };
    for (const s of SERVICES) Object.assign(files, { [`${s}/Dockerfile`]: dockerfile(s), [`${s}/data.txt`]: `${s} v1\n` });
    repo.write(files);
    baseSha = repo.commit('base');
    repo.git(['checkout', '-q', '-b', 'feature/mono']);
    repo.write(Object.fromEntries(SERVICES.map(s => [`${s}/data.txt`, `${s} v2 ${'x'.repeat(5000)}\n`])));
    headSha = repo.commit('change every service');
    github().setFiles(REPO, PR, SERVICES.map(s => ({ filename: `${s}/data.txt` })));
  });
  afterAll(() => repo.remove());

  it('plans the Dockerfiles the PR touches into at most max-shards shards (mode plan)', async () => {
    plan = await run({ mode: 'plan', 'max-shards': '2' });
    expect(plan.exitCode).toBe(0);
    matrix = JSON.parse(plan.outputs.matrix);
    expect(matrix.include).toHaveLength(2);
    expect(plan.outputs['shard-count']).toBe('2');
    expect(plan.outputs.shards).toBe('1,2');
    // docs/Dockerfile is untouched by the PR: changed-only applies to the plan
    expect(matrix.include.flatMap(e => e.dockerfiles).sort()).toEqual(SERVICES.map(s => `${s}/Dockerfile`));
    expect(plan.summary).toMatch(/stageguard plan: 3 Dockerfiles in 2 shards/);
    expect(github().requests.filter(r => r.route === 'createComment')).toHaveLength(0);
  });

  it('runs each shard as its own job, writing a partial report and posting no comment (mode shard)', async () => {
    for (const entry of matrix.include) {
      const shard = await run({ mode: 'shard', shard: JSON.stringify(entry) });
      expect(shard.exitCode).toBe(0);
      expect(shard.outputs['partial-report']).toMatch(/stageguard-partial-\d\.json$/);
      expect(shard.partialReport).not.toBeNull();
      const p = JSON.parse(shard.partialReport as string) as { shard: { shard: string }; report: { builds: { dockerfile: string; ok: boolean }[]; sizes: { baseStatus: string }[] } };
      expect(p.shard.shard).toBe(entry.shard);
      expect([...new Set(p.report.builds.map(b => b.dockerfile))].sort()).toEqual(entry.dockerfiles);
      expect(p.report.builds.every(b => b.ok)).toBe(true);
      expect(p.report.sizes).toHaveLength(p.report.builds.length);
      expect(p.report.sizes.every(s => s.baseStatus === 'compared')).toBe(true);
      partials.set(entry.shard, shard.partialReport as string);
    }
    expect(github().requests.filter(r => r.route === 'createComment')).toHaveLength(0);
  });

  it('a shard given by name is planned again from the same inputs', async () => {
    const shard = await run({ mode: 'shard', shard: '2', 'max-shards': '2', build: 'false' });
    expect(shard.exitCode).toBe(0);
    const p = JSON.parse(shard.partialReport as string) as { shard: { dockerfiles: string[] } };
    expect(p.shard.dockerfiles).toEqual(matrix.include[1].dockerfiles);
  });

  const writePartials = (shards: string[]): void => {
    fs.rmSync(path.join(repo.dir, 'partials'), { recursive: true, force: true });
    for (const s of shards) {
      const dir = path.join(repo.dir, 'partials', `stageguard-${s}`);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `stageguard-partial-${s}.json`), partials.get(s) as string);
    }
  };

  it('merges every shard into one comment with every Dockerfile and passes (mode report)', async () => {
    writePartials(['1', '2']);
    const report = await run({ mode: 'report', 'partial-reports': 'partials/**/*.json', 'expected-shards': plan.outputs.shards });
    expect(report.exitCode).toBe(0);
    const comments = github().commentsOf(REPO, PR);
    expect(comments).toHaveLength(1);
    for (const s of SERVICES) expect(comments[0].body).toContain(`${s}/Dockerfile`);
    expect(comments[0].body).toMatch(/6\/6 targets built/);
    expect(comments[0].body).not.toMatch(/CAUTION/);
    const merged = report.report as { builds: unknown[]; sizes: unknown[]; missingShards: string[] };
    expect(merged.builds).toHaveLength(6);
    expect(merged.sizes).toHaveLength(6);
    expect(merged.missingShards).toEqual([]);
    expect(report.summary).toMatch(/stageguard: passed/);
  });

  it('names a missing shard in the same comment and fails the run', async () => {
    writePartials(['1']);
    const report = await run({ mode: 'report', 'partial-reports': 'partials/**/*.json', 'expected-shards': plan.outputs.shards });
    expect(report.exitCode).toBe(1);
    const comments = github().commentsOf(REPO, PR);
    expect(comments).toHaveLength(1); // updated in place, not a second comment
    expect(comments[0].body).toMatch(/\[!CAUTION\]/);
    expect(comments[0].body).toMatch(/shard 2\\?: no partial report was found/);
    expect(comments[0].body).toMatch(/stageguard: failed/);
    expect(report.stdout).toMatch(/::error::.*missing shard reports: shard 2/);
    // the shard that arrived is still reported in full
    for (const f of matrix.include[0].dockerfiles) expect(comments[0].body).toContain(f);
  });

  it('names a corrupt shard artifact by its file and fails the run', async () => {
    writePartials(['1', '2']);
    fs.writeFileSync(path.join(repo.dir, 'partials', 'stageguard-2', 'stageguard-partial-2.json'), (partials.get('2') as string).slice(0, 200));
    const report = await run({ mode: 'report', 'partial-reports': 'partials/**/*.json', 'expected-shards': '2' });
    expect(report.exitCode).toBe(1);
    const body = github().commentsOf(REPO, PR)[0].body;
    expect(body).toMatch(/stageguard\\?-partial\\?-2\\?\.json is not valid JSON/);
    expect(body).toMatch(/shard 2\\?: no partial report was found/);
  });
});
