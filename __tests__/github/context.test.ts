import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { apiListIsComplete, changedFilesFromGit, gitDiffArgs, parseNameStatusZ } from '../../src/github/changedFiles';
import { readPullRequestContext } from '../../src/github/context';

const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: 'm'.repeat(40), GITHUB_SERVER_URL: 'https://github.com' };
const pr = (headRepo: string) => ({
  action: 'synchronize',
  number: 7,
  pull_request: {
    number: 7,
    head: { sha: 'a'.repeat(40), ref: 'feature/x', repo: { full_name: headRepo } },
    base: { sha: 'b'.repeat(40), ref: 'main', repo: { full_name: 'acme/shop', default_branch: 'main' } }
  },
  repository: { full_name: 'acme/shop', default_branch: 'main' }
});

describe('readPullRequestContext', () => {
  it.each([
    ['a same-repo pull request', env, pr('acme/shop'), { pullNumber: 7, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), headRef: 'feature/x', baseRef: 'main', isFork: false, isPullRequest: true, defaultBranch: 'main' }],
    ['a pull request from a fork', env, pr('mallory/shop'), { isFork: true, isPullRequest: true, owner: 'acme', repo: 'shop' }],
    ['a push', { ...env, GITHUB_EVENT_NAME: 'push', GITHUB_REF_NAME: 'main' }, { before: 'c'.repeat(40), after: 'd'.repeat(40), repository: { default_branch: 'main' } }, { pullNumber: null, headSha: 'd'.repeat(40), baseSha: 'c'.repeat(40), headRef: 'main', isFork: false, isPullRequest: false }],
    ['a push that creates a branch', { ...env, GITHUB_EVENT_NAME: 'push' }, { before: '0'.repeat(40), after: 'd'.repeat(40) }, { baseSha: null }],
    ['a workflow_dispatch', { ...env, GITHUB_EVENT_NAME: 'workflow_dispatch' }, { inputs: {} }, { pullNumber: null, isPullRequest: false, headSha: 'm'.repeat(40), baseSha: null }],
    ['an empty payload', {}, {}, { eventName: '', repository: '', pullNumber: null, isPullRequest: false, apiUrl: 'https://api.github.com' }]
  ])('reads %s', (_name, e, payload, expected) => {
    expect(readPullRequestContext(e, payload)).toMatchObject(expected);
  });
});

describe('changed files from git', () => {
  it.each([
    ['modified and added', 'M\0a/Dockerfile\0A\0b c/Dockerfile\0', [{ filename: 'a/Dockerfile', status: 'modified' }, { filename: 'b c/Dockerfile', status: 'added' }]],
    ['a rename with its score', 'R087\0old/Dockerfile\0new/Dockerfile\0', [{ filename: 'new/Dockerfile', status: 'renamed', previousFilename: 'old/Dockerfile' }]],
    ['a deletion and a type change', 'D\0gone\0T\0link\0', [{ filename: 'gone', status: 'removed' }, { filename: 'link', status: 'changed' }]],
    ['nothing', '', []]
  ])('parses %s', (_name, out, expected) => {
    expect(parseNameStatusZ(out)).toEqual(expected);
  });

  it('builds a three-dot diff so the list matches the PR view', () => {
    expect(gitDiffArgs('base', 'head')).toEqual(['diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', 'base...head', '--']);
  });

  it('lists a real repository\'s changes between two commits, renames included', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-git-'));
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...a], { cwd: dir }).toString().trim();
    try {
      git('init', '-q', '-b', 'main');
      mkdirSync(path.join(dir, 'old'));
      writeFileSync(path.join(dir, 'old', 'Dockerfile'), 'FROM busybox\nRUN echo one two three four five six\n');
      writeFileSync(path.join(dir, 'keep.txt'), 'x\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
      const base = git('rev-parse', 'HEAD');
      git('mv', 'old', 'new');
      writeFileSync(path.join(dir, 'with space.Dockerfile'), 'FROM busybox\n');
      git('add', '-A');
      git('commit', '-q', '-m', 'pr');
      const head = git('rev-parse', 'HEAD');
      const files = await changedFilesFromGit(dir, base, head);
      expect(files).toEqual(
        expect.arrayContaining([
          { filename: 'new/Dockerfile', status: 'renamed', previousFilename: 'old/Dockerfile' },
          { filename: 'with space.Dockerfile', status: 'added' }
        ])
      );
      expect(files).toHaveLength(2);
      await expect(changedFilesFromGit(dir, 'f'.repeat(40), head)).rejects.toThrow(/fetch-depth: 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('whether the pulls files API listed every file', () => {
  it.each<[number, number | null, boolean]>([
    [12, 12, true],
    [12, null, true],
    [2999, 2999, true],
    [3000, 3000, false],
    [3000, null, false],
    [250, 3400, false]
  ])('%d listed, %s changed: complete %s', (listed, count, complete) => {
    expect(apiListIsComplete(listed, count)).toBe(complete);
  });

  it.each<[unknown, number | null]>([[3400, 3400], [undefined, null], ['3400', null], [-1, null], [1.5, null]])('reads changed_files %j as %j', (v, expected) => {
    const p = pr('acme/shop');
    expect(readPullRequestContext(env, { ...p, pull_request: { ...p.pull_request, changed_files: v } }).changedFilesCount).toBe(expected);
  });
});
