import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { exec } from '../../src/exec';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { baselinePlans, buildAtRef, placeInWorktree } from '../../src/buildx/baseline';
import { planBuilds } from '../../src/buildx/plan';
import { silentLogger } from '../../src/log';

const BASE_TEXT = 'FROM busybox AS App\nRUN echo base\n';
const PR_TEXT = 'FROM busybox AS App\nRUN echo base\nRUN echo added in the PR\nFROM busybox AS fresh\n';

function plansFor(root: string, files: Record<string, string>, targets?: string[]) {
  const models = Object.entries(files).map(([p, text]) => parseDockerfile(p, text));
  return planBuilds(models, { root, branch: 'pr', event: 'pull_request', ...(targets ? { targets } : {}) }).plans;
}

describe('baselinePlans', () => {
  const root = '/repo';
  const worktree = '/tmp/wt';
  const base = { 'app/Dockerfile': parseDockerfile('app/Dockerfile', BASE_TEXT) } as Record<string, ReturnType<typeof parseDockerfile>>;

  it('moves each plan into the worktree, matches stage names case-insensitively and skips stages and files new in the PR', () => {
    const plans = plansFor(root, { 'app/Dockerfile': PR_TEXT, 'new/Dockerfile': 'FROM busybox\n' }, ['app', 'fresh']);
    const moved = baselinePlans(plans, root, worktree, { modelAt: d => base[d] });
    expect(moved.map(p => [p.dockerfile, p.target, p.targetFlag, p.file, p.context, p.image])).toEqual([
      ['app/Dockerfile', 'App', 'App', '/tmp/wt/app/Dockerfile', '/tmp/wt/app', 'stageguard/app-dockerfile:app-base']
    ]);
  });
});

describe('buildAtRef', () => {
  let repo: string;
  const git = async (...args: string[]): Promise<string> => {
    const r = await exec('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo });
    if (r.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  it("returns the base commit's Dockerfile (not the PR's) for measuring the base images, and removes the worktree", async () => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-baseline-'));
    fs.mkdirSync(path.join(repo, 'app'));
    fs.writeFileSync(path.join(repo, 'app', 'Dockerfile'), BASE_TEXT);
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-qm', 'base');
    const baseSha = await git('rev-parse', 'HEAD');
    fs.writeFileSync(path.join(repo, 'app', 'Dockerfile'), PR_TEXT);
    await git('commit', '-qam', 'pr');
    // only the stage new in the PR is planned, so nothing is built and no engine is needed
    const plans = plansFor(repo, { 'app/Dockerfile': PR_TEXT }, ['fresh']);
    const info = await buildAtRef({ repoDir: repo, sha: baseSha, plans, log: silentLogger });
    expect(info.results).toEqual([]);
    expect(info.models.get('app/Dockerfile')?.text).toBe(BASE_TEXT);
    expect(info.models.get('app/Dockerfile')?.path).toBe('app/Dockerfile');
    expect((await git('worktree', 'list')).split('\n')).toHaveLength(1);
  });
});

describe('placeInWorktree', () => {
  it.each<[string, { file: string; context: string }, Record<string, string>, { file: string; context: string; renamed: boolean }]>([
    ['keeps an unchanged Dockerfile where it is', { file: '/repo/app/Dockerfile', context: '/repo/app' }, {}, { file: '/wt/app/Dockerfile', context: '/wt/app', renamed: false }],
    ['finds a renamed Dockerfile at its old path', { file: '/repo/app/Dockerfile.prod', context: '/repo/app' }, { 'app/Dockerfile.prod': 'app/Dockerfile' }, { file: '/wt/app/Dockerfile', context: '/wt/app', renamed: true }],
    ['moves the context with a folder the PR renamed', { file: '/repo/svc/Dockerfile', context: '/repo/svc' }, { 'svc/Dockerfile': 'app/Dockerfile' }, { file: '/wt/app/Dockerfile', context: '/wt/app', renamed: true }],
    ['keeps a context that is not the Dockerfile folder', { file: '/repo/docker/api.Dockerfile', context: '/repo' }, { 'docker/api.Dockerfile': 'api.Dockerfile' }, { file: '/wt/api.Dockerfile', context: '/wt', renamed: true }]
  ])('%s', (_name, plan, renamedFrom, expected) => {
    expect(placeInWorktree(plan, '/repo', '/wt', renamedFrom)).toEqual(expected);
  });
});
