/**
 * Which files of an image are installed-package databases, and so worth keeping while a layer streams by. Everything
 * else in a layer is only listed (path and size); these few files are read, bounded, because they say which packages
 * an image holds and how big each is.
 */

export type PackageDbKind =
  /** Debian's `/var/lib/dpkg/status`: one deb822 stanza per package. */
  | 'dpkg-status'
  /** distroless's `/var/lib/dpkg/status.d/<name>`: one stanza per file (the `.md5sums` beside it are skipped). */
  | 'dpkg-status-d'
  /** Alpine's `/lib/apk/db/installed`. */
  | 'apk'
  /** `<name>.dist-info/METADATA` (wheels) or `<name>.egg-info/PKG-INFO` / an `.egg-info` file (setuptools). */
  | 'python-metadata'
  /** `<name>.dist-info/RECORD`: every file of the distribution with its size. */
  | 'python-record'
  /** `node_modules/<name>/package.json` or `node_modules/@scope/<name>/package.json`. */
  | 'npm';

/** Bytes kept of one database file: a dpkg status with 2,000 packages is about 3 MB. */
export const MAX_DB_FILE_BYTES = 16 * 1024 * 1024;
/** Bytes kept of all database files of one layer (a node_modules tree has thousands of small package.json). */
export const MAX_DB_BYTES_PER_LAYER = 64 * 1024 * 1024;

const PY_ROOTS = new Set(['site-packages', 'dist-packages']);
/** The last path segments of the Python and npm databases (an `.egg-info` file or folder aside). */
const DB_NAMES = new Set(['METADATA', 'RECORD', 'PKG-INFO', 'package.json']);

/** Pure: the kind of package database a layer path is, or null for every other file. Looks at the last segments only. */
export function packageDbKind(path: string): PackageDbKind | null {
  if (path === 'var/lib/dpkg/status') return 'dpkg-status';
  if (path.startsWith('var/lib/dpkg/status.d/')) {
    const name = path.slice('var/lib/dpkg/status.d/'.length);
    return name !== '' && !name.includes('/') && !name.endsWith('.md5sums') ? 'dpkg-status-d' : null;
  }
  if (path === 'lib/apk/db/installed') return 'apk';
  // every other kind is named by its last segment: most paths of a layer are ruled out without splitting them
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (!DB_NAMES.has(last) && !last.endsWith('.egg-info')) return null;
  const seg = path.split('/');
  const at = (k: number): string => seg[seg.length - k] ?? '';
  if (PY_ROOTS.has(at(3))) {
    if (at(2).endsWith('.dist-info') && at(1) === 'METADATA') return 'python-metadata';
    if (at(2).endsWith('.dist-info') && at(1) === 'RECORD') return 'python-record';
    if (at(2).endsWith('.egg-info') && at(1) === 'PKG-INFO') return 'python-metadata';
  }
  if (PY_ROOTS.has(at(2)) && at(1).endsWith('.egg-info')) return 'python-metadata';
  if (at(1) === 'package.json') {
    if (at(3) === 'node_modules' && at(2) !== '' && !at(2).startsWith('@') && !at(2).startsWith('.')) return 'npm';
    if (at(4) === 'node_modules' && at(3).startsWith('@') && at(2) !== '') return 'npm';
  }
  return null;
}
