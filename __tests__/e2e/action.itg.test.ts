import * as crypto from 'node:crypto';
import * as path from 'node:path';
import { BASE_IMAGE, describeEngine } from '../support/engine';
import { useFakeGithub } from '../support/useFakeGithub';
import { writeCommentExample } from './example';
import { GitRepo, nodeBinaries, outsideCode, requireBundle, runAction, runOnPullRequest, ROOT, type ActionRun } from './harness';

jest.setTimeout(300_000);

const REPO = 'acme/shop';

const DOCKERFILE = `FROM ${BASE_IMAGE} AS builder
WORKDIR /src
COPY data.txt ./
RUN cd /src && mkdir -p /out && cp data.txt /out/data.txt && sha256sum data.txt > /out/sum

FROM ${BASE_IMAGE} AS final
COPY --from=builder /out /app
USER app
HEALTHCHECK NONE
CMD ["cat", "/app/sum"]
`;

const BASE_INPUTS = {
  'github-token': 'ghs_e2eTokenThatMustNeverBePrinted0123',
  network: 'none',
  'fail-on': 'error',
  comment: 'always',
  'comment-mode': 'update',
  compare: 'true',
  'changed-only': 'true',
  // per-stage, per-branch registry caches on the local registry, as a user's ghcr.io repository would be
  'cache-repository': 'localhost:5000/sgtest-e2e/cache'
};

function random(bytes: number, seed: string): Buffer {
  // deterministic but incompressible
  const out = Buffer.alloc(bytes);
  let block = crypto.createHash('sha256').update(seed).digest();
  for (let off = 0; off < bytes; off += block.length) {
    block.copy(out, off);
    block = crypto.createHash('sha256').update(block).digest();
  }
  return out;
}

const nodes = nodeBinaries();
/** The runner's Node (24) when installed, else the machine's. */
const RUNNER_NODE = nodes[0];

describeEngine('the action, run as GitHub runs it (node dist/index.js)', () => {
  const github = useFakeGithub(() => {
    requireBundle();
    if (process.env.STAGEGUARD_E2E === 'required' && nodes.length < 2) {
      throw new Error('STAGEGUARD_NODE24 must point at a Node 24 binary when engine tests are required (.ci/run installs it)');
    }
  });

  /** Runs the bundle on pull request `number` of REPO (from `headRef` into main), by default with BASE_INPUTS. */
  const runPr = (o: { repo: GitRepo; number: number; baseSha: string; headSha: string; headRef: string; inputs?: Record<string, string>; env?: Record<string, string>; fork?: boolean; node?: string }): Promise<ActionRun> =>
    runOnPullRequest({
      node: o.node ?? RUNNER_NODE.bin,
      apiUrl: github().url,
      repo: REPO,
      workspace: o.repo.dir,
      number: o.number,
      baseSha: o.baseSha,
      headSha: o.headSha,
      headRef: o.headRef,
      fork: o.fork,
      inputs: o.inputs ?? BASE_INPUTS,
      env: o.env
    });

  describe('a pull request on a repository with a multi-stage Dockerfile', () => {
    const repo = new GitRepo('pr');
    let baseSha = '';
    let headSha = '';
    let first: ActionRun;
    beforeAll(() => {
      repo.write({ 'app/Dockerfile': DOCKERFILE, 'app/data.txt': 'hello\n', 'app/.dockerignore': '.git\n', 'README.md': '# shop\n' });
      baseSha = repo.commit('base');
      repo.git(['checkout', '-q', '-b', 'feature/bigger']);
      repo.write({ 'app/data.txt': `hello\n${random(200_000, 'a').toString('base64')}\n` });
      headSha = repo.commit('grow the data');
      github().setFiles(REPO, 7, [{ filename: 'app/data.txt' }]);
    });
    afterAll(() => repo.remove());

    /** Runs the bundle on this pull request (7, feature/bigger) at its current head commit. */
    const runOnThisPr = (o: { inputs?: Record<string, string>; node?: string } = {}): Promise<ActionRun> => runPr({ repo, number: 7, baseSha, headSha, headRef: 'feature/bigger', ...o });

    it('writes the default branch\'s build caches on a push to main, and no comment', async () => {
      const before = github().requests.length;
      const push = await runAction({
        node: RUNNER_NODE.bin,
        workspace: repo.dir,
        apiUrl: github().url,
        eventName: 'push',
        event: { ref: 'refs/heads/main', before: '0'.repeat(40), after: baseSha, repository: { full_name: REPO, default_branch: 'main' } },
        env: { GITHUB_REF: 'refs/heads/main', GITHUB_REF_NAME: 'main' },
        inputs: BASE_INPUTS,
        sha: baseSha,
        repo: REPO
      });
      expect(push.exitCode).toBe(0);
      expect(github().requests.slice(before)).toEqual([]);
      const tags = (await (await fetch('http://127.0.0.1:5000/v2/sgtest-e2e/cache/tags/list')).json()) as { tags: string[] };
      expect(tags.tags).toEqual(expect.arrayContaining(['app-dockerfile_builder_main', 'app-dockerfile_final_main']));
    });

    it(`creates exactly one comment on the first run (${RUNNER_NODE.name})`, async () => {
      first = await runOnThisPr();
      // the only place the token may appear is the runner's own ::add-mask:: command, which the runner consumes
      const printed = (first.stderr + first.stdout).split('\n').filter(l => !l.startsWith('::add-mask::'));
      expect(printed.join('\n')).not.toContain('ghs_e2eTokenThatMustNeverBePrinted0123');
      expect(first.stdout).toContain('::add-mask::ghs_e2eTokenThatMustNeverBePrinted0123');
      expect(first.exitCode).toBe(0);
      const posts = github().requests.filter(r => r.route === 'createComment');
      expect(posts).toHaveLength(1);
      const comments = github().commentsOf(REPO, 7);
      expect(comments).toHaveLength(1);
      expect(comments[0].body.startsWith('<!-- stageguard -->')).toBe(true);
      // the comment shows the size table with a delta against main, the scorecard and the cache table
      expect(comments[0].body).toMatch(/app\/Dockerfile/);
      expect(comments[0].body).toMatch(/7\/7 passed/);
      expect(comments[0].body).toMatch(/▲|\+/);
      // its first build is warm from main's cache ref (pushed by the run above)
      const report = first.report as { builds: { target: string; cacheFrom: { ref: string; hit: boolean }[] }[] };
      expect(report.builds.map(b => b.target).sort()).toEqual(['builder', 'final']);
      for (const b of report.builds) expect(b.cacheFrom.find(c => c.ref.endsWith('_main'))?.hit).toBe(true);
      // the changed-files API was asked, and the request carried the token only in the header
      // docs/comment-example.md is this very comment: STAGEGUARD_WRITE_EXAMPLE=1 npx jest __tests__/e2e regenerates it
      if (process.env.STAGEGUARD_WRITE_EXAMPLE === '1') {
        await writeCommentExample(comments[0].body, path.join(ROOT, 'docs', 'comment-example.md'));
      }
      const list = github().requests.find(r => r.route === 'listFiles');
      expect(list?.headers.authorization).toMatch(/ghs_e2eToken/);
    });

    it('writes the outputs in the runner file format and the job summary', () => {
      expect(first.outputs.violations).toMatch(/^\d+$/);
      expect(first.outputs.errors).toBe('0');
      expect(Number(first.outputs['size-bytes'])).toBeGreaterThan(100_000);
      // 200,000 random bytes as base64 (~270 kB) grew the final image: the delta is real and positive
      expect(Number(first.outputs['size-delta-bytes'])).toBeGreaterThan(150_000);
      expect(first.outputs['comment-url']).toMatch(/^https:\/\/github\.com\/acme\/shop\/pull\/7#issuecomment-\d+$/);
      expect(first.summary).toContain('stageguard');
      expect(first.summary).toMatch(/7\/7 passed/);
      expect(first.report).not.toBeNull();
      const sizes = (first.report as { sizes: { target: string; baseStatus: string; delta: { compressed: number } | null }[] }).sizes;
      expect(sizes.map(s => s.target).sort()).toEqual(['builder', 'final']);
      expect(sizes.every(s => s.baseStatus === 'compared')).toBe(true);
    });

    it('updates that same comment after another commit, without a second one', async () => {
      repo.write({ 'app/data.txt': `hello again\n${random(100_000, 'b').toString('base64')}\n` });
      headSha = repo.commit('shrink the data');
      const before = github().requests.length;
      const second = await runOnThisPr();
      expect(second.exitCode).toBe(0);
      const mine = github().requests.slice(before);
      expect(mine.filter(r => r.route === 'createComment')).toHaveLength(0);
      expect(mine.filter(r => r.route === 'updateComment')).toHaveLength(1);
      const comments = github().commentsOf(REPO, 7);
      expect(comments).toHaveLength(1);
      expect(comments[0].body).toContain(headSha.slice(0, 7));
    });

    it('turns a 403 on the comment (a fork PR token) into a warning, keeps the summary and exits 0', async () => {
      github().setFiles(REPO, 8, [{ filename: 'app/data.txt' }]);
      github().fail('createComment', 403, 1);
      const run = await runPr({ repo, number: 8, baseSha, headSha, headRef: 'feature/bigger', fork: true });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toMatch(/::warning::.*403/);
      expect(github().commentsOf(REPO, 8)).toHaveLength(0);
      expect(run.summary).toMatch(/7\/7 passed/);
    });

    it(`runs the same bundle under every Node here (${nodes.map(n => n.name).join(', ')})`, async () => {
      // every Node, the runner's too: on a machine with one Node this still runs the bundle once more and checks it
      for (const n of nodes) {
        const run = await runOnThisPr({ node: n.bin, inputs: { ...BASE_INPUTS, compare: 'false' } });
        expect(run.exitCode).toBe(0);
        expect(github().commentsOf(REPO, 7)).toHaveLength(1);
      }
    });
  });

  it('runs lint, build and size on workflow_dispatch without touching the pull-request API', async () => {
    const repo = new GitRepo('dispatch');
    try {
      repo.write({ 'dispatch/Dockerfile': DOCKERFILE, 'dispatch/data.txt': 'x\n', 'dispatch/.dockerignore': '.git\n' });
      const sha = repo.commit('base');
      const before = github().requests.length;
      const run = await runAction({
        node: RUNNER_NODE.bin,
        workspace: repo.dir,
        apiUrl: github().url,
        eventName: 'workflow_dispatch',
        event: { inputs: {}, ref: 'refs/heads/main', repository: { full_name: REPO, default_branch: 'main' }, sender: { login: 'dev', type: 'User' } },
        inputs: BASE_INPUTS,
        sha,
        repo: REPO
      });
      expect(run.exitCode).toBe(0);
      expect(github().requests.slice(before)).toEqual([]);
      expect(run.stdout).toMatch(/No pull request comment: the event is workflow_dispatch/);
      expect(run.summary).toMatch(/7\/7 passed/);
      expect(Number(run.outputs['size-bytes'])).toBeGreaterThan(0);
      expect(run.outputs['size-delta-bytes']).toBe('');
    } finally {
      repo.remove();
    }
  });

  it('compares a Dockerfile the PR moved to another folder with what it was, not as a new target', async () => {
    const repo = new GitRepo('rename');
    try {
      repo.write({ 'old-place/Dockerfile': DOCKERFILE, 'old-place/data.txt': 'x\n', 'old-place/.dockerignore': '.git\n' });
      const baseSha = repo.commit('base');
      repo.git(['checkout', '-q', '-b', 'move']);
      repo.git(['mv', 'old-place', 'new-place']);
      repo.write({ 'new-place/data.txt': `x\n${random(50_000, 'moved').toString('base64')}\n` });
      const headSha = repo.commit('move the service and grow its data');
      github().setFiles(REPO, 11, [
        { filename: 'new-place/Dockerfile', status: 'renamed', previous_filename: 'old-place/Dockerfile' },
        { filename: 'new-place/data.txt', status: 'renamed', previous_filename: 'old-place/data.txt' },
        { filename: 'new-place/.dockerignore', status: 'renamed', previous_filename: 'old-place/.dockerignore' }
      ]);
      const run = await runPr({ repo, number: 11, baseSha, headSha, headRef: 'move' });
      expect(run.exitCode).toBe(0);
      const sizes = (run.report as { sizes: { dockerfile: string; target: string; baseStatus: string; delta: { uncompressed: number } | null }[] }).sizes;
      const final = sizes.find(s => s.target === 'final');
      expect(final).toMatchObject({ dockerfile: 'new-place/Dockerfile', baseStatus: 'compared' });
      expect(final!.delta!.uncompressed).toBeGreaterThan(60_000);
    } finally {
      repo.remove();
    }
  });

  it('runs on an engine with the classic image store, as on GitHub\'s runners: estimated compressed sizes, builds without cache export', async () => {
    const repo = new GitRepo('classic');
    try {
      repo.write({ 'classic/Dockerfile': DOCKERFILE, 'classic/data.txt': 'x\n', 'classic/.dockerignore': '.git\n' });
      const baseSha = repo.commit('base');
      repo.git(['checkout', '-q', '-b', 'grow']);
      repo.write({ 'classic/data.txt': `x\n${'text that compresses\n'.repeat(20_000)}` });
      const headSha = repo.commit('grow');
      github().setFiles(REPO, 12, [{ filename: 'classic/data.txt' }]);
      const run = await runPr({ repo, number: 12, baseSha, headSha, headRef: 'grow', env: { DOCKER_HOST: 'unix:///var/run/stageguard-classic.sock' } });
      expect(run.exitCode).toBe(0);
      // the docker driver without the containerd store cannot export caches: a warning with the fix, builds still run
      expect(run.stdout).toMatch(/::warning::.*without the containerd image store.*setup-buildx-action/);
      const report = run.report as { builds: { ok: boolean; cacheTo: string | null }[]; sizes: { target: string; compressedEstimated?: boolean; compressed: number; uncompressed: number; baseStatus: string }[] };
      expect(report.builds).toHaveLength(2);
      expect(report.builds.every(b => b.ok && b.cacheTo === null)).toBe(true);
      const final = report.sizes.find(s => s.target === 'final')!;
      expect(final).toMatchObject({ compressedEstimated: true, baseStatus: 'compared' });
      expect(final.compressed).toBeLessThan(final.uncompressed);
      const body = github().commentsOf(REPO, 12)[0]?.body ?? '';
      // the compact size column: the estimate mark leads the compressed column, base → PR
      expect(body).toMatch(/\| ≈ [\d.]+ [kMG]?B → [\d.]+ [kMG]?B/);
    } finally {
      repo.remove();
    }
  });

  it('fails on a size regression over max-increase, after the comment is posted', async () => {
    const repo = new GitRepo('regress');
    try {
      repo.write({ 'svc/Dockerfile': DOCKERFILE.replace('COPY data.txt ./', 'COPY data.txt big.bin ./').replace('cp data.txt /out/data.txt', 'cp data.txt big.bin /out/'), 'svc/data.txt': 'x\n', 'svc/big.bin': 'small\n', 'svc/.dockerignore': '.git\n' });
      const baseSha = repo.commit('base');
      repo.git(['checkout', '-q', '-b', 'feature/assets']);
      repo.write({ 'svc/big.bin': random(5_000_000, 'big') });
      const headSha = repo.commit('add a 5 MB asset');
      github().setFiles(REPO, 9, [{ filename: 'svc/big.bin' }]);
      const run = await runPr({ repo, number: 9, baseSha, headSha, headRef: 'feature/assets', inputs: { ...BASE_INPUTS, 'max-increase': '10%' } });
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/::error::.*max-increase|::error::stageguard:.*(increase|grew)/i);
      const comments = github().commentsOf(REPO, 9);
      expect(comments).toHaveLength(1);
      expect(comments[0].body).toMatch(/fail/i);
      // the comment was written before the step failed
      const post = github().requests.findIndex(r => r.route === 'createComment' && r.path.includes('/issues/9/'));
      expect(post).toBeGreaterThanOrEqual(0);
      const delta = Number(run.outputs['size-delta-bytes']);
      expect(Math.abs(delta - 5_000_000) / 5_000_000).toBeLessThan(0.01);
    } finally {
      repo.remove();
    }
  });

  it('renders markup, links, images and @mentions from the PR inert', async () => {
    const repo = new GitRepo('inject');
    try {
      repo.write({ 'web/Dockerfile': DOCKERFILE, 'web/data.txt': 'x\n', 'web/.dockerignore': '.git\n' });
      const baseSha = repo.commit('base');
      repo.git(['checkout', '-q', '-b', 'evil']);
      const nasty = '<img src=x onerror=alert(1)> [link](http://evil.example/x) ![p](http://evil.example/p.png) @someone';
      repo.write({
        'web/Dockerfile': `${DOCKERFILE}\nFROM ${BASE_IMAGE} AS broken\nRUN echo '${nasty}' && exit 3\n`,
        'web/Dockerfile.extra': `FROM ${BASE_IMAGE}\nRUN cd /tmp && echo '${nasty}'\n`
      });
      const headSha = repo.commit('inject');
      github().setFiles(REPO, 10, [{ filename: 'web/Dockerfile' }, { filename: 'web/Dockerfile.extra', status: 'added' }]);
      const run = await runPr({ repo, number: 10, baseSha, headSha, headRef: 'evil', inputs: { ...BASE_INPUTS, targets: 'final,broken' } });
      // the broken stage fails the run, but only after everything was published
      expect(run.exitCode).toBe(1);
      const body = github().commentsOf(REPO, 10)[0]?.body ?? '';
      expect(body).toContain('broken');
      // GitHub renders nothing inside code blocks and code spans (no HTML, links or mentions): check the rest
      for (const text of [outsideCode(body), outsideCode(run.summary)]) {
        expect(text).not.toMatch(/<img/i);
        expect(text).not.toMatch(/\]\(http:\/\/evil/);
        expect(text).not.toMatch(/(^|[^\w`])@someone/);
      }
      // the text is still there for a reader, only defused
      expect(body).toMatch(/someone/);
    } finally {
      repo.remove();
    }
  });
});
