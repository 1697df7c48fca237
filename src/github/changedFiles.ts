import { exec } from '../exec';
import type { GitHubClient } from './client';
import { describeGitHubError } from './client';

export type ChangeStatus = 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface ChangedFile {
  filename: string;
  status: ChangeStatus;
  /** For renames (and copies): the path on the base side. */
  previousFilename?: string;
}

/**
 * The files a pull request changes, from `GET /repos/{owner}/{repo}/pulls/{n}/files`, every page (100 per page).
 * GitHub lists at most 3000 files per PR (https://docs.github.com/rest/pulls/pulls#list-pull-requests-files);
 * past that, use `changedFilesFromGit`. Throws the Octokit error for the caller to turn into a fallback.
 */
export async function listChangedFiles(octokit: GitHubClient, pr: { owner: string; repo: string; pull_number: number }): Promise<ChangedFile[]> {
  let items;
  try {
    items = await octokit.paginate(octokit.rest.pulls.listFiles, { ...pr, per_page: 100 });
  } catch (e) {
    // The caller prints the message: rebuild it from the status and the API's message, with tokens masked.
    const { status, message } = describeGitHubError(e);
    throw Object.assign(new Error(status ? `GitHub answered ${status}: ${message}` : message), { status });
  }
  return items.map(f => {
    const out: ChangedFile = { filename: f.filename, status: f.status as ChangeStatus };
    if (f.previous_filename) out.previousFilename = f.previous_filename;
    return out;
  });
}

/** The most files `GET /repos/{owner}/{repo}/pulls/{n}/files` lists for one pull request. */
export const PULL_FILES_API_CAP = 3000;

/**
 * Whether the files API's list can be the whole change: not when it reached the API's cap, nor when the event says
 * the PR changes more files than were listed. Pure.
 */
export function apiListIsComplete(listed: number, changedFilesCount: number | null): boolean {
  return listed < PULL_FILES_API_CAP && (changedFilesCount === null || changedFilesCount <= listed);
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' };

/**
 * Parses `git diff --name-status -z -M` output: NUL-separated `STATUS\0path\0` or, for renames and copies,
 * `R100\0old\0new\0`. -z keeps paths with spaces, quotes and newlines exact (no C-style quoting). Pure.
 */
export function parseNameStatusZ(out: string): ChangedFile[] {
  const parts = out.split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length; ) {
    const code = parts[i++];
    if (!code) continue;
    const letter = code[0];
    if (letter === 'R' || letter === 'C') {
      const from = parts[i++];
      const to = parts[i++];
      if (to === undefined) break;
      files.push({ filename: to, status: STATUS[letter], previousFilename: from });
    } else {
      const file = parts[i++];
      if (file === undefined) break;
      files.push({ filename: file, status: STATUS[letter] ?? 'changed' });
    }
  }
  return files;
}

/** The argv of the fallback: the PR's changes as GitHub shows them (from the merge base: three dots). Pure. */
export function gitDiffArgs(baseSha: string, headSha: string): string[] {
  return ['diff', '--name-status', '-z', '-M', '--no-color', '--no-ext-diff', `${baseSha}...${headSha}`, '--'];
}

/**
 * Fallback when the API cannot answer (no token, GHES without the endpoint, > 3000 files): `git diff` in the
 * checkout. Needs both commits present (`actions/checkout` with `fetch-depth: 0`, or the base fetched).
 */
export async function changedFilesFromGit(repoDir: string, baseSha: string, headSha: string): Promise<ChangedFile[]> {
  for (const sha of [baseSha, headSha]) {
    // a commit id or a plain ref name; never something git would read as an option
    if (!/^[0-9a-f]{4,64}$/i.test(sha) && !/^\w[\w./-]*$/.test(sha)) throw new Error(`changed files: "${sha}" is not a commit`);
  }
  const r = await exec('git', gitDiffArgs(baseSha, headSha), { cwd: repoDir });
  if (r.exitCode !== 0) {
    const why = (r.spawnError ?? r.stderr).trim().split('\n').slice(-2).join(' ');
    throw new Error(
      `changed files: git diff ${baseSha.slice(0, 12)}...${headSha.slice(0, 12)} failed (${why}); fetch both commits (actions/checkout with fetch-depth: 0) or set changed-only: false`
    );
  }
  return parseNameStatusZ(r.stdout);
}

/** Pure: every path a change touches, both sides of a rename included (for `changed-only`). */
export function changedPaths(files: readonly ChangedFile[]): string[] {
  return files.flatMap(f => (f.previousFilename ? [f.filename, f.previousFilename] : [f.filename]));
}

/** Pure: the files a change renamed, new path → old path (the base-commit build looks for them at the old path). */
export function renamedFrom(files: readonly ChangedFile[]): Record<string, string> {
  return Object.fromEntries(files.filter(f => f.status === 'renamed' && f.previousFilename).map(f => [f.filename, f.previousFilename as string]));
}
