import { createGitHubClient, type GitHubClient } from '../../src/github/client';
import { listChangedFiles } from '../../src/github/changedFiles';
import { selectOwnComments, upsertStickyComment, type CommentAuthor, type StickyCommentOptions } from '../../src/github/comment';
import { ACTIONS_BOT, type FakeGithub } from '../support/fakeGithub';
import { useFakeGithub } from '../support/useFakeGithub';

const REPO = 'acme/shop';
const TOKEN = 'ghs_faketoken0123456789abcdefghijkl';
const github = useFakeGithub();
let fake: FakeGithub;
let notices: string[];
let octokit: GitHubClient;

beforeEach(() => {
  fake = github();
  fake.reset();
  notices = [];
  octokit = createGitHubClient({ token: TOKEN, baseUrl: fake.url, backoffBaseMs: 1, spaceWrites: false, onNotice: m => notices.push(m) });
});

const marker = '<!-- stageguard -->';
function opts(body: string, extra: Partial<StickyCommentOptions> = {}): StickyCommentOptions {
  return { owner: 'acme', repo: 'shop', issue_number: 7, body: `${marker}\n${body}`, marker, ...extra };
}
const writes = (): string[] => fake.requests.filter(r => r.method !== 'GET').map(r => `${r.method} ${r.status}`);

describe('sticky comment against the fake GitHub API', () => {
  it('creates one comment on the first run and sends the token only in the Authorization header', async () => {
    const s = await upsertStickyComment(octokit, opts('first'));
    expect(s.action).toBe('created');
    expect(s.url).toMatch(/^https:\/\/github\.com\/acme\/shop\/pull\/7#issuecomment-\d+$/);
    const comments = fake.commentsOf(REPO, 7);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toBe(`${marker}\nfirst`);
    expect(comments[0].user.login).toBe(ACTIONS_BOT.login);
    const post = fake.requests.find(r => r.method === 'POST')!;
    expect(post.path).toBe('/repos/acme/shop/issues/7/comments');
    expect(post.headers.authorization).toBe(`token ${TOKEN}`);
    expect(JSON.stringify(notices)).not.toContain(TOKEN);
  });

  it('updates the same comment on a second run instead of posting another', async () => {
    const first = await upsertStickyComment(octokit, opts('first'));
    const second = await upsertStickyComment(octokit, opts('second'));
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(fake.commentsOf(REPO, 7).map(c => c.body)).toEqual([`${marker}\nsecond`]);
    expect(fake.requests.filter(r => r.method === 'PATCH').map(r => r.path)).toEqual([`/repos/acme/shop/issues/comments/${first.id}`]);
  });

  it('leaves the comment alone with on-change when the body is the same', async () => {
    await upsertStickyComment(octokit, opts('same'));
    fake.requests.length = 0;
    const s = await upsertStickyComment(octokit, opts('same', { when: 'on-change' }));
    expect(s.action).toBe('unchanged');
    expect(writes()).toEqual([]);
  });

  it('updates with on-change when the body differs', async () => {
    await upsertStickyComment(octokit, opts('old'));
    const s = await upsertStickyComment(octokit, opts('new', { when: 'on-change' }));
    expect(s.action).toBe('updated');
  });

  it('does nothing at all with comment never', async () => {
    const s = await upsertStickyComment(octokit, opts('x', { when: 'never' }));
    expect(s.action).toBe('skipped');
    expect(fake.requests).toHaveLength(0);
  });

  it('deletes its old comment and posts a new one in recreate mode', async () => {
    const first = await upsertStickyComment(octokit, opts('first'));
    fake.addComment(REPO, 7, 'a human reply', { login: 'alice', id: 5, type: 'User' });
    const s = await upsertStickyComment(octokit, opts('second', { mode: 'recreate' }));
    expect(s.action).toBe('created');
    expect(s.id).not.toBe(first.id);
    expect(fake.requests.filter(r => r.method === 'DELETE').map(r => r.path)).toEqual([`/repos/acme/shop/issues/comments/${first.id}`]);
    expect(fake.commentsOf(REPO, 7).map(c => c.body)).toEqual(['a human reply', `${marker}\nsecond`]);
  });

  it('finds its comment on the third page among 250 other comments', async () => {
    for (let i = 0; i < 120; i++) fake.addComment(REPO, 7, `chatter ${i}`, { login: 'bob', id: 6, type: 'User' });
    const ours = fake.addComment(REPO, 7, `${marker}\nold`);
    for (let i = 0; i < 130; i++) fake.addComment(REPO, 7, `more chatter ${i}`, { login: 'bob', id: 6, type: 'User' });
    const s = await upsertStickyComment(octokit, opts('new'));
    expect(s).toMatchObject({ action: 'updated', id: ours.id });
    const pages = fake.requests.filter(r => r.route === 'listComments').map(r => r.query.page ?? '1');
    expect(pages).toEqual(['1', '2', '3']);
    expect(fake.commentsOf(REPO, 7)).toHaveLength(251);
  });

  it('ignores a user comment that quotes the marker and a bot comment that only contains it later', async () => {
    fake.addComment(REPO, 7, `${marker}\nforged by the PR author`, { login: 'mallory', id: 66, type: 'User' });
    fake.addComment(REPO, 7, `see ${marker} below`);
    const s = await upsertStickyComment(octokit, opts('real'));
    expect(s.action).toBe('created');
    expect(fake.commentsOf(REPO, 7).map(c => c.body)).toEqual([`${marker}\nforged by the PR author`, `see ${marker} below`, `${marker}\nreal`]);
    // the installation token asked who it is, and GitHub said it cannot tell (a Bot)
    expect(fake.requests.filter(r => r.route === 'getUser').map(r => r.status)).toEqual([403]);
  });

  it('with a personal token, adopts only the comments of that user, never another user\'s marker', async () => {
    const pat = 'github_pat_fakeAlice0123456789';
    fake.tokens.set(pat, { login: 'alice', id: 77, type: 'User' });
    const asAlice = createGitHubClient({ token: pat, baseUrl: fake.url, backoffBaseMs: 1, spaceWrites: false });
    fake.addComment(REPO, 7, `${marker}\nforged`, { login: 'mallory', id: 66, type: 'User' });
    const first = await upsertStickyComment(asAlice, opts('one'));
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(asAlice, opts('two'));
    expect(second).toMatchObject({ action: 'updated', id: first.id });
    expect(fake.commentsOf(REPO, 7).map(c => `${c.user.login}: ${c.body}`)).toEqual([`mallory: ${marker}\nforged`, `alice: ${marker}\ntwo`]);
  });

  it('keeps separate comments for separate headers', async () => {
    await upsertStickyComment(octokit, opts('default'));
    const other = '<!-- stageguard:arm64 -->';
    const s = await upsertStickyComment(octokit, { ...opts('x'), marker: other, body: `${other}\narm` });
    expect(s.action).toBe('created');
    expect(fake.commentsOf(REPO, 7)).toHaveLength(2);
  });

  it('turns a 403 on creation (a fork PR) into a warning that names the cause', async () => {
    fake.fail('createComment', 403);
    const s = await upsertStickyComment(octokit, opts('x'));
    expect(s.action).toBe('failed');
    expect(s.warning).toMatch(/403.*Resource not accessible by integration.*fork.*pull-requests: write.*job summary/);
    expect(s.warning).not.toContain(TOKEN);
    expect(fake.requests.filter(r => r.route === 'createComment')).toHaveLength(1);
  });

  it('gives a clear message for a 404 on the comment list', async () => {
    fake.fail('listComments', 404);
    const s = await upsertStickyComment(octokit, opts('x'));
    expect(s.action).toBe('failed');
    expect(s.warning).toMatch(/404.*does not exist.*cannot see it/);
  });

  it.each([[500], [502]] as const)('retries a %s answer with backoff and then succeeds', async status => {
    fake.fail('createComment', status, 2);
    const s = await upsertStickyComment(octokit, opts('x'));
    expect(s.action).toBe('created');
    expect(fake.requests.filter(r => r.route === 'createComment').map(r => r.status)).toEqual([status, status, 201]);
    expect(fake.commentsOf(REPO, 7)).toHaveLength(1);
  });

  it('gives up on a server error that outlasts the retries with a warning, not an exception', async () => {
    fake.fail('listComments', 502, 10);
    const s = await upsertStickyComment(octokit, opts('x'));
    expect(s.action).toBe('failed');
    expect(s.warning).toMatch(/502.*after retries/);
    expect(fake.requests.filter(r => r.route === 'listComments')).toHaveLength(4);
  });

  it('waits out a secondary rate limit and retries', async () => {
    fake.fail('updateComment', 'secondary-rate-limit', 1, 2);
    await upsertStickyComment(octokit, opts('a'));
    const s = await upsertStickyComment(octokit, opts('b'));
    expect(s.action).toBe('updated');
    expect(fake.requests.filter(r => r.route === 'updateComment').map(r => r.status)).toEqual([403, 200]);
    expect(notices.join('\n')).toMatch(/secondary rate limit.*retrying after 2 s/);
  });

  it('reports a secondary rate limit that never ends as a warning', async () => {
    fake.fail('createComment', 'secondary-rate-limit', 10, 1);
    const s = await upsertStickyComment(octokit, opts('x'));
    expect(s.action).toBe('failed');
    expect(s.warning).toMatch(/secondary rate limit/);
    expect(fake.requests.filter(r => r.route === 'createComment')).toHaveLength(4);
  });

  it('leaves one comment when another run posts at the same moment, keeping the oldest with the last body', async () => {
    // Run B posts its comment between our listing (none found) and our POST.
    fake.onceBefore('createComment', () => fake.addComment(REPO, 7, `${marker}\nrun B`));
    const s = await upsertStickyComment(octokit, opts('run A'));
    const left = fake.commentsOf(REPO, 7);
    expect(left).toHaveLength(1);
    expect(left[0].body).toBe(`${marker}\nrun A`);
    expect(s).toMatchObject({ action: 'updated', id: left[0].id });
    expect(s.removedDuplicates).toHaveLength(1);
  });

  it('removes older duplicates left by an earlier race when it updates', async () => {
    const a = fake.addComment(REPO, 7, `${marker}\none`);
    fake.addComment(REPO, 7, `${marker}\ntwo`);
    const s = await upsertStickyComment(octokit, opts('three'));
    expect(s).toMatchObject({ action: 'updated', id: a.id });
    expect(fake.commentsOf(REPO, 7).map(c => c.body)).toEqual([`${marker}\nthree`]);
  });
});

describe('selectOwnComments', () => {
  const BOT: CommentAuthor = { bot: true };
  const c = (id: number, body: string, login: string, type = 'Bot') => ({ id, body, html_url: '', user: { login, type } });
  it.each([
    ['only bodies that start with the marker', [c(1, 'x <!-- stageguard -->', 'b'), c(2, '<!-- stageguard -->\n', 'b')], BOT, [2]],
    ['bots only for an installation token', [c(1, '<!-- stageguard -->', 'eve', 'User'), c(2, '<!-- stageguard -->', 'bot')], BOT, [2]],
    ['no user comment for an installation token, even with no bot one', [c(3, '<!-- stageguard -->', 'eve', 'User')], BOT, []],
    ['the personal token\'s own user', [c(3, '<!-- stageguard -->', 'me', 'User'), c(4, '<!-- stageguard -->', 'eve', 'User')], { login: 'me' }, [3]],
    ['only the known author', [c(1, '<!-- stageguard -->', 'other[bot]'), c(2, '<!-- stageguard -->', 'me[bot]')], { login: 'me[bot]' }, [2]],
    ['oldest first', [c(9, '<!-- stageguard -->', 'b'), c(4, '<!-- stageguard -->', 'b')], BOT, [4, 9]]
  ])('keeps %s', (_name, comments, author: CommentAuthor, ids) => {
    expect(selectOwnComments(comments, '<!-- stageguard -->', author).map(x => x.id)).toEqual(ids);
  });
});

describe('changed files from the pulls files API', () => {
  it('reads every page of a 230-file pull request, with renames and their previous names', async () => {
    const files = Array.from({ length: 230 }, (_, i) => ({ filename: `svc${i}/Dockerfile`, status: 'modified' as const }));
    files[5] = { filename: 'api/Dockerfile', status: 'renamed', previous_filename: 'old-api/Dockerfile' } as never;
    fake.setFiles(REPO, 7, files);
    const out = await listChangedFiles(octokit, { owner: 'acme', repo: 'shop', pull_number: 7 });
    expect(out).toHaveLength(230);
    expect(out[5]).toEqual({ filename: 'api/Dockerfile', status: 'renamed', previousFilename: 'old-api/Dockerfile' });
    expect(fake.requests.filter(r => r.route === 'listFiles').map(r => `${r.query.per_page}:${r.query.page ?? '1'}`)).toEqual([
      '100:1',
      '100:2',
      '100:3'
    ]);
  });

  it('throws a 404 for the caller to fall back to git', async () => {
    await expect(listChangedFiles(octokit, { owner: 'acme', repo: 'shop', pull_number: 99 })).rejects.toMatchObject({ status: 404 });
  });
});
