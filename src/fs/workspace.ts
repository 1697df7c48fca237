import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, realpathSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The one reader of files that come from the repository (Dockerfiles, .dockerignore, the config files, partial
 * reports, a history file). A pull request controls every byte of the checkout, symlinks included, so each file is:
 * - checked to be a regular file (not a FIFO, a device such as /dev/zero, a socket or a folder) before it is opened;
 * - resolved through its symlinks and refused when the real path leaves the workspace (`app/Dockerfile ->
 *   /home/runner/.npmrc` must not be read, let alone quoted in a finding);
 * - opened once, without following a last-component symlink, and checked again on the open descriptor (the same
 *   inode as the one checked), so a swap between the check and the read is noticed;
 * - read with a byte bound: at most `maxBytes + 1` bytes are ever read, whatever the size claims.
 * A refusal is a value with a reason a user can act on, never an exception: the caller turns it into a finding or a
 * config error that names the file, and the run goes on.
 */

/** Larger `.dockerignore` files are refused (BuildKit reads it whole too; a megabyte is thousands of patterns). */
export const MAX_DOCKERIGNORE_BYTES = 1024 * 1024;
/** `.stageguard.yml` and `.hadolint.yaml`: a config is a few hundred bytes; the bound keeps the YAML parser cheap. */
export const MAX_CONFIG_BYTES = 64 * 1024;
/** A shard's partial report or a history report (JSON): large monorepos make megabytes, not hundreds of them. */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

export type WorkspaceRead =
  | { ok: true; data: Buffer; /** The real path (symlinks resolved). */ real: string }
  | { ok: false; /** Why, as words that follow the file name: `is a FIFO, not a regular file`. */ reason: string; /** The file does not exist (callers that probe several names try the next). */ missing: boolean };

/** What a non-regular file is, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const rootCache = new Map<string, string>();

/** The workspace's real path (cached: it does not move during a run). */
function realRoot(root: string): string {
  const abs = resolve(root);
  let real = rootCache.get(abs);
  if (real === undefined) {
    try {
      real = realpathSync(abs);
    } catch {
      real = abs;
    }
    rootCache.set(abs, real);
  }
  return real;
}

/** Pure: whether `path` is `root` or below it (both absolute, already resolved). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

function errorReason(e: unknown): { reason: string; missing: boolean } {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { reason: 'does not exist', missing: true };
    case 'ELOOP':
      return { reason: 'is a symlink loop', missing: false };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'cannot be read (permission denied)', missing: false };
    default:
      return { reason: `cannot be read (${err.code ?? err.message})`, missing: false };
  }
}

/**
 * Where `file` (relative to `root`, or absolute) really is, when it stays inside the workspace: the lexical path and,
 * for the part that exists, the path after symlinks. Null when either leaves the workspace. For paths the action
 * writes (`sarif-file`) or walks (a folder argument), which may not exist yet.
 */
export function confinedPath(root: string, file: string): string | null {
  const top = realRoot(root);
  const abs = resolve(root, file);
  if (!isWithin(resolve(root), abs) && !isWithin(top, abs)) return null;
  // the deepest part that exists, through its symlinks
  let probe = abs;
  for (;;) {
    try {
      const real = realpathSync(probe);
      return isWithin(top, real) ? abs : null;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
      const up = dirname(probe);
      if (up === probe) return null;
      probe = up;
    }
  }
}

// O_NONBLOCK: opening a FIFO that slipped past the check must not wait for a writer. O_NOFOLLOW: the real path was
// checked; a symlink put in its place afterwards fails the open. Both are 0 where the platform lacks them.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0) | (constants.O_NOCTTY ?? 0);

/**
 * Reads `file` (relative to `root`, or absolute) when it is a regular file whose real path is inside `root`, at most
 * `maxBytes` bytes. Never throws.
 */
export function readInWorkspace(file: string, o: { root: string; maxBytes: number }): WorkspaceRead {
  const abs = resolve(o.root, file);
  if (!isWithin(resolve(o.root), abs) && !isWithin(realRoot(o.root), abs)) return { ok: false, reason: 'is outside the workspace; it was not read', missing: false };
  let st: Stats | undefined;
  let real: string;
  try {
    // stat (not open) first: opening a device or a FIFO can have effects of its own. A missing file is the common
    // case (every probed .dockerignore name): it comes back as undefined rather than as a thrown error, which costs
    // far more than the stat.
    st = statSync(abs, { throwIfNoEntry: false });
    if (st === undefined) return { ok: false, reason: 'does not exist', missing: true };
    real = realpathSync(abs);
  } catch (e) {
    return { ok: false, ...errorReason(e) };
  }
  if (!isWithin(realRoot(o.root), real)) return { ok: false, reason: 'is a symlink to a file outside the workspace; it was not read', missing: false };
  if (!st.isFile()) return { ok: false, reason: `is ${kindOf(st)}, not a regular file`, missing: false };
  if (st.size > o.maxBytes) return { ok: false, reason: `is larger than ${o.maxBytes} bytes (${st.size})`, missing: false };
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (e) {
    return { ok: false, ...errorReason(e) };
  }
  try {
    const now = fstatSync(fd);
    if (!now.isFile() || now.ino !== st.ino || now.dev !== st.dev) return { ok: false, reason: 'changed while it was being read', missing: false };
    // never more than maxBytes + 1, whatever the size said (a file can grow, /proc files claim 0)
    const buf = Buffer.alloc(Math.min(o.maxBytes + 1, Math.max(now.size + 1, 4 * 1024)));
    let n = 0;
    let chunk = buf;
    for (;;) {
      if (n === chunk.length) {
        if (chunk.length > o.maxBytes) break;
        const bigger = Buffer.alloc(Math.min(o.maxBytes + 1, chunk.length * 2));
        chunk.copy(bigger, 0, 0, n);
        chunk = bigger;
      }
      const got = readSync(fd, chunk, n, chunk.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > o.maxBytes) return { ok: false, reason: `is larger than ${o.maxBytes} bytes`, missing: false };
    return { ok: true, data: chunk.subarray(0, n), real };
  } catch (e) {
    return { ok: false, ...errorReason(e) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes `data` to `file` (relative to the first of `roots`, or absolute) when it stays inside one of `roots` (the
 * workspace, the runner's temp folder) after symlinks, creating its folders. The last component is opened without
 * following a symlink, so a link the pull request committed where the file goes (`results.sarif -> ~/.bashrc`)
 * fails instead of overwriting its target; an existing non-regular file is refused too. Throws an Error saying why.
 */
export function writeInWorkspace(file: string, data: string | Buffer, roots: readonly string[]): string {
  const abs = resolve(roots[0], file);
  const root = roots.find(r => confinedPath(r, abs) !== null);
  if (root === undefined) throw new Error(`${file} is outside the workspace${roots.length > 1 ? ' and the runner\'s temp folder' : ''}; nothing was written`);
  mkdirSync(dirname(abs), { recursive: true });
  // the folders just made are inside the root: checked again, a symlinked folder swapped in meanwhile is noticed
  if (confinedPath(root, abs) === null) throw new Error(`${file} is outside the workspace; nothing was written`);
  let fd: number;
  try {
    fd = openSync(abs, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0), 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new Error(`${file} is a symlink; nothing was written through it`);
    if (code === 'ENXIO') throw new Error(`${file} is a FIFO or a device, not a regular file; nothing was written`);
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new Error(`${file} is ${kindOf(st)}, not a regular file; nothing was written`);
    const buf = typeof data === 'string' ? Buffer.from(data) : data;
    for (let off = 0; off < buf.length; ) off += writeSync(fd, buf, off, buf.length - off);
  } finally {
    closeSync(fd);
  }
  return abs;
}
