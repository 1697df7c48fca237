import { createHash } from 'node:crypto';

/**
 * Registry cache refs, one per (Dockerfile, target, branch):
 *
 *     <cache-repository>:<dockerfile>_<target>_<branch>
 *
 * Each part is lower-cased and every run of characters outside [a-z0-9] becomes `-`, so the parts never contain `_`
 * and the tag splits back into its three parts unambiguously. The branch part is also made one-to-one: when
 * sanitizing changed the branch name (`feature/x`, `Main`), 8 hex digits of the name's SHA-256 are appended, so
 * `release/1.2` and `release-1-2` get different tags and no branch can land on another branch's tag. Parts longer than
 * their budget are cut and suffixed with a hash, keeping the tag within Docker's 128 characters.
 * Example: `ghcr.io/org/app/cache:services-api-dockerfile_builder_feature-login-1f2e3d4c`.
 */

export interface CacheRefInput {
  /** e.g. `ghcr.io/org/repo/cache`; empty means no registry cache. */
  cacheRepository: string;
  /** The Dockerfile path relative to the repository root, e.g. `services/api/Dockerfile`. */
  dockerfile: string;
  target: string;
  /** The branch being built (the PR's head branch on a pull request). */
  branch: string;
  /** The PR's base branch; on a push, usually the default branch. */
  baseBranch?: string;
  /** GitHub event name: `pull_request`, `pull_request_target`, `push`, ... (`local` from the CLI). */
  event: string;
  /** A pull request from a fork: it reads caches but writes none. */
  isFork: boolean;
  defaultBranch?: string;
}

export interface CacheRefs {
  /** Import order: this branch's ref first, then the base (or default) branch's. */
  from: string[];
  /** Where to export, or null (fork PR, no repository, or refused). */
  to: string | null;
  /** Set when a write was refused because it would have written a protected branch's ref. */
  refusal?: string;
}

const TAG_MAX = 128;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Sanitizes one part of a tag, within `max` characters; `oneToOne` appends a hash whenever the text changed. */
export function tagPart(text: string, max: number, oneToOne = false): string {
  let s = slug(text) || 'x';
  const changed = s !== text;
  if (s.length > max || (oneToOne && changed)) {
    const h = shortHash(text);
    s = `${s.slice(0, max - h.length - 1).replace(/-+$/, '')}-${h}`;
  }
  return s;
}

/** The cache tag of (Dockerfile, target, branch) following the naming scheme above. */
export function cacheTag(dockerfile: string, target: string, branch: string): string {
  const tag = `${tagPart(dockerfile, 48)}_${tagPart(target, 32)}_${tagPart(branch, 46, true)}`;
  return tag.slice(0, TAG_MAX);
}

export function cacheRef(cacheRepository: string, dockerfile: string, target: string, branch: string): string {
  return `${cacheRepository.replace(/\/+$/, '')}:${cacheTag(dockerfile, target, branch)}`;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

export function isPullRequestEvent(event: string): boolean {
  return PR_EVENTS.has(event);
}

/**
 * The refs one build reads and writes.
 * - pull request: from [PR branch, base branch], to the PR branch's ref (null from a fork);
 * - push to the default branch: from and to the default branch's ref;
 * - push to another branch (and the CLI): from [branch, base or default branch], to the branch's ref.
 * A pull request never writes the base or default branch's ref: if the refs would coincide (e.g. a head branch named
 * like the base), the write is refused with a `refusal` message and the build runs without `--cache-to`.
 */
export function cacheRefsFor(input: CacheRefInput): CacheRefs {
  const repo = input.cacheRepository.trim();
  if (repo === '') return { from: [], to: null };
  const ref = (branch: string): string => cacheRef(repo, input.dockerfile, input.target, branch);
  const own = ref(input.branch);
  const base = input.baseBranch || input.defaultBranch;
  const from = [own];
  if (base) from.push(ref(base));
  if (input.defaultBranch && input.defaultBranch !== base) from.push(ref(input.defaultBranch));
  const unique = [...new Set(from)];
  if (!isPullRequestEvent(input.event)) return { from: unique, to: own };
  if (input.isFork) return { from: unique, to: null };
  const refusal = cacheWriteRefusal(own, input);
  return refusal ? { from: unique, to: null, refusal } : { from: unique, to: own };
}

/**
 * The explicit check that a pull request never writes a protected branch's cache (that would let a PR poison the base
 * branch's builds). Returns the reason to refuse, or undefined when the write is allowed.
 */
export function cacheWriteRefusal(to: string, input: CacheRefInput): string | undefined {
  if (!isPullRequestEvent(input.event)) return undefined;
  const repo = input.cacheRepository.trim();
  // `repo:tag` or `repo@digest` as the repository would make every ref an odd name that may resolve to another
  // branch's tag; a pull request gets no write at all then.
  if (/[:@]/.test(repo.slice(repo.lastIndexOf('/') + 1))) {
    return `Refusing to write the registry cache: cache-repository "${repo}" names a tag or digest, not a repository. Building without --cache-to.`;
  }
  for (const protectedBranch of [input.baseBranch, input.defaultBranch]) {
    if (!protectedBranch) continue;
    if (input.branch === protectedBranch || to === cacheRef(repo, input.dockerfile, input.target, protectedBranch)) {
      return (
        `Refusing to write the registry cache ${to}: it is the cache of the protected branch "${protectedBranch}", ` +
        `and a pull request (branch "${input.branch}") must never write it. Building without --cache-to.`
      );
    }
  }
  return undefined;
}
