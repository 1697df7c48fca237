import type { GitHubClient } from './client';
import { describeGitHubError } from './client';

export interface StickyCommentOptions {
  owner: string;
  repo: string;
  issue_number: number;
  /** The full body; it must start with `marker`. */
  body: string;
  /** `<!-- stageguard -->` or a header variant (see report/escape.ts `commentMarker`). */
  marker: string;
  /** `always` posts/updates every run; `on-change` only when the body differs; `never` does nothing. */
  when?: 'always' | 'on-change' | 'never';
  /** `update` edits the comment in place; `recreate` deletes ours and posts a new one (at the bottom). */
  mode?: 'update' | 'recreate';
  /**
   * Whose comments are ours. When absent it is asked of GitHub once (`tokenIdentity`): a personal token's own login,
   * or, for an installation token (GITHUB_TOKEN, a GitHub App), a Bot.
   */
  author?: CommentAuthor;
}

/**
 * The identity the token posts as: a user's login (a personal access token: `GET /user` answers), or a Bot (an
 * installation token: GITHUB_TOKEN posts as `github-actions[bot]`, a GitHub App as `<app>[bot]`; `GET /user` answers
 * 403 "Resource not accessible by integration"). A comment by any other user is never ours, whatever its body says:
 * anyone can post a comment that starts with the marker.
 */
export type CommentAuthor = { login: string } | { bot: true };

export interface CommentStatus {
  action: 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
  id?: number;
  url?: string;
  /** Set for `failed` (and for a `skipped` that a user should know about). Never contains the token. */
  warning?: string;
  /** Duplicate comments of ours deleted after a concurrent run (see `upsertStickyComment`). */
  removedDuplicates?: number[];
}

interface CommentLike {
  id: number;
  body?: string;
  html_url: string;
  user: { login: string; type?: string } | null;
}

/**
 * Our sticky comments among a PR's comments, oldest first: the body must START with the marker (a quote of it
 * further down does not count), and the comment must be written by the token's identity: that login, or, for an
 * installation token, a Bot. A comment by a `User` is never adopted unless the token is that user's. Pure.
 */
export function selectOwnComments<T extends CommentLike>(comments: readonly T[], marker: string, author: CommentAuthor): T[] {
  const ours = comments.filter(
    c => (c.body ?? '').startsWith(marker) && ('login' in author ? c.user?.login === author.login : c.user?.type === 'Bot')
  );
  return [...ours].sort((a, b) => a.id - b.id);
}

/**
 * Asks GitHub who the token is (`GET /user`). An installation token cannot read that endpoint (403, "Resource not
 * accessible by integration") and posts as a Bot; so does any token GitHub would not describe. Never throws.
 */
export async function tokenIdentity(octokit: GitHubClient): Promise<CommentAuthor> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    if (typeof data.login === 'string' && data.login !== '') return data.type === 'Bot' ? { bot: true } : { login: data.login };
  } catch {
    /* an installation token (403), or no answer: only a Bot's comments can be ours */
  }
  return { bot: true };
}

/** GitHub stores bodies with CRLF where the client sent CRLF and may trim; compare what a reader sees. */
function sameBody(a: string | undefined, b: string): boolean {
  const norm = (s: string): string => s.replace(/\r\n/g, '\n').trim();
  return norm(a ?? '') === norm(b);
}

function failure(e: unknown, what: string, o: StickyCommentOptions): CommentStatus {
  const { status, message } = describeGitHubError(e);
  const where = `${o.owner}/${o.repo}#${o.issue_number}`;
  let warning: string;
  if (status === 403 && /secondary rate limit/i.test(message)) {
    warning = `could not ${what} the stageguard comment on ${where}: GitHub's secondary rate limit persisted after retries (${message}). The report is in the job summary.`;
  } else if (status === 403 || status === 401) {
    warning = `could not ${what} the stageguard comment on ${where}: GitHub answered ${status} (${message}). The token cannot write pull-request comments: a pull request from a fork gets a read-only GITHUB_TOKEN, and otherwise the workflow needs \`permissions: pull-requests: write\`. The report is in the job summary.`;
  } else if (status === 404) {
    warning = `could not ${what} the stageguard comment on ${where}: GitHub answered 404 (${message}). The pull request does not exist in that repository or the token cannot see it. The report is in the job summary.`;
  } else {
    warning = `could not ${what} the stageguard comment on ${where}: ${status ? `GitHub answered ${status}` : 'request failed'} (${message})${
      status && status >= 500 ? ' after retries' : ''
    }. The report is in the job summary.`;
  }
  return { action: 'failed', warning };
}

async function listAll(octokit: GitHubClient, o: StickyCommentOptions): Promise<CommentLike[]> {
  return (await octokit.paginate(octokit.rest.issues.listComments, {
    owner: o.owner,
    repo: o.repo,
    issue_number: o.issue_number,
    per_page: 100
  })) as CommentLike[];
}

/**
 * Creates or updates the one sticky comment. Never throws for GitHub errors: the result says what happened, with a
 * warning for the log (a 403 on a fork PR is expected and is not a failure of the run).
 *
 * Two runs at once (two pushes in quick succession) can both find no comment and both POST. After posting, the
 * comments are listed again; when more than one of ours carries the marker, the OLDEST is kept, it is updated with
 * this run's body (last writer wins), and the newer ones, including the one just posted, are deleted. Whichever run
 * finishes last leaves its body in the single remaining comment.
 */
export async function upsertStickyComment(octokit: GitHubClient, o: StickyCommentOptions): Promise<CommentStatus> {
  const when = o.when ?? 'always';
  const mode = o.mode ?? 'update';
  if (when === 'never') return { action: 'skipped' };
  if (!o.body.startsWith(o.marker)) {
    return { action: 'failed', warning: 'the comment body does not start with its marker; not posting a comment that could not be found again' };
  }
  const ids = { owner: o.owner, repo: o.repo };

  const author = o.author ?? (await tokenIdentity(octokit));
  let existing: CommentLike[];
  try {
    existing = selectOwnComments(await listAll(octokit, o), o.marker, author);
  } catch (e) {
    return failure(e, 'read', o);
  }
  const current = existing[0];
  if (current && when === 'on-change' && sameBody(current.body, o.body)) {
    return { action: 'unchanged', id: current.id, url: current.html_url };
  }

  if (current && mode === 'update') {
    try {
      const r = await octokit.rest.issues.updateComment({ ...ids, comment_id: current.id, body: o.body });
      const removed = await removeDuplicates(octokit, o, existing.slice(1));
      return { action: 'updated', id: r.data.id, url: r.data.html_url, ...(removed.length ? { removedDuplicates: removed } : {}) };
    } catch (e) {
      return failure(e, 'update', o);
    }
  }

  if (mode === 'recreate') {
    try {
      for (const c of existing) await deleteIgnoringGone(octokit, o, c.id);
    } catch (e) {
      return failure(e, 'delete the old', o);
    }
  }

  let created: CommentLike;
  try {
    created = (await octokit.rest.issues.createComment({ ...ids, issue_number: o.issue_number, body: o.body })).data as CommentLike;
  } catch (e) {
    return failure(e, 'create', o);
  }

  // Concurrency check: see the doc comment above.
  try {
    // the login of the comment just created is the token's identity, exactly
    const self: CommentAuthor = created.user?.login ? { login: created.user.login } : author;
    const ours = selectOwnComments(await listAll(octokit, o), o.marker, self);
    if (ours.length > 1) {
      const keep = ours[0];
      const extra = ours.slice(1);
      if (keep.id !== created.id && !sameBody(keep.body, o.body)) {
        await octokit.rest.issues.updateComment({ ...ids, comment_id: keep.id, body: o.body });
      }
      const removed = await removeDuplicates(octokit, o, extra);
      return { action: keep.id === created.id ? 'created' : 'updated', id: keep.id, url: keep.html_url, removedDuplicates: removed };
    }
  } catch {
    // The comment is posted; a failed clean-up leaves at worst a duplicate, which the next run removes.
  }
  return { action: 'created', id: created.id, url: created.html_url };
}

async function deleteIgnoringGone(octokit: GitHubClient, o: StickyCommentOptions, id: number): Promise<boolean> {
  try {
    await octokit.rest.issues.deleteComment({ owner: o.owner, repo: o.repo, comment_id: id });
    return true;
  } catch (e) {
    // Another run deleted it first.
    if (describeGitHubError(e).status === 404) return false;
    throw e;
  }
}

async function removeDuplicates(octokit: GitHubClient, o: StickyCommentOptions, extra: CommentLike[]): Promise<number[]> {
  const removed: number[] = [];
  for (const c of extra) {
    try {
      if (await deleteIgnoringGone(octokit, o, c.id)) removed.push(c.id);
    } catch {
      /* best effort: see upsertStickyComment */
    }
  }
  return removed;
}
