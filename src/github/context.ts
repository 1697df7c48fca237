import { promises as fs } from 'node:fs';

/** What stageguard needs to know about the event that started the run. Read by a pure function from env + payload. */
export interface PullRequestContext {
  eventName: string;
  owner: string;
  repo: string;
  /** owner/name */
  repository: string;
  serverUrl: string;
  apiUrl: string;
  /** GITHUB_SHA: for pull_request it is the merge commit, not the PR head. */
  sha: string;
  /** Present for pull_request / pull_request_target events. */
  pullNumber: number | null;
  headSha: string | null;
  baseSha: string | null;
  headRef: string | null;
  baseRef: string | null;
  /** head.repo.full_name differs from base.repo.full_name: the token is read-only, comments fail with 403. */
  isFork: boolean;
  defaultBranch: string | null;
  /** True when a sticky comment can be posted at all (a pull request event with a number). */
  isPullRequest: boolean;
  /** `pull_request.changed_files`: how many files GitHub says the PR changes (the files API lists at most 3000). */
  changedFilesCount: number | null;
}

type Json = Record<string, unknown>;
/** A payload field as an object ({} when it is not one). Pure. */
export const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
/** A payload field as a non-empty string, else null. Pure. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Reads the run's context from the runner's variables and the event payload (the parsed GITHUB_EVENT_PATH file).
 * Pure: no I/O, never throws; missing pieces are null.
 */
export function readPullRequestContext(env: Record<string, string | undefined>, payload: unknown): PullRequestContext {
  const p = obj(payload);
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const repository = env.GITHUB_REPOSITORY ?? str(obj(p.repository).full_name) ?? '';
  const [owner = '', repo = ''] = repository.split('/');
  const pr = obj(p.pull_request);
  const head = obj(pr.head);
  const base = obj(pr.base);
  const isPrEvent = /^pull_request/.test(eventName) && Object.keys(pr).length > 0;
  const headRepo = str(obj(head.repo).full_name);
  const baseRepo = str(obj(base.repo).full_name);
  const number = typeof pr.number === 'number' ? pr.number : typeof p.number === 'number' ? p.number : null;
  const push = eventName === 'push';
  const ref = str(p.ref) ?? env.GITHUB_REF ?? null;
  return {
    eventName,
    owner,
    repo,
    repository,
    serverUrl: (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, ''),
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    sha: env.GITHUB_SHA ?? str(head.sha) ?? '',
    pullNumber: isPrEvent ? number : null,
    headSha: isPrEvent ? str(head.sha) : push ? (str(p.after) ?? env.GITHUB_SHA ?? null) : (env.GITHUB_SHA ?? null),
    baseSha: isPrEvent ? str(base.sha) : push ? zeroToNull(str(p.before)) : null,
    headRef: isPrEvent ? str(head.ref) : (env.GITHUB_REF_NAME ?? ref?.replace(/^refs\/heads\//, '') ?? null),
    baseRef: isPrEvent ? str(base.ref) : null,
    isFork: isPrEvent && headRepo !== null && baseRepo !== null && headRepo !== baseRepo,
    defaultBranch: str(obj(base.repo).default_branch) ?? str(obj(p.repository).default_branch),
    isPullRequest: isPrEvent && number !== null,
    changedFilesCount: isPrEvent && typeof pr.changed_files === 'number' && Number.isSafeInteger(pr.changed_files) && pr.changed_files >= 0 ? pr.changed_files : null
  };
}

/** `before` of a push that created the branch is forty zeros: there is no base then. */
function zeroToNull(sha: string | null): string | null {
  return sha && /^0+$/.test(sha) ? null : sha;
}

/** Reads GITHUB_EVENT_PATH (the runner's event payload); an absent or unreadable file gives `{}`. */
export async function readEventPayload(file: string | undefined): Promise<unknown> {
  if (!file) return {};
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as unknown;
  } catch {
    return {};
  }
}
