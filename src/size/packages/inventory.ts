import type { DatabaseFile } from '../archive';
import { packageDbKind } from './paths';
import { normalizePythonName, parseApkInstalled, parseDpkgStatus, parseNodePackageJson, parsePythonMetadata, recordBytes, type Ecosystem, type InstalledPackage } from './parse';

/** A file of the final filesystem: its path and the layer that last wrote it (as stackLayers lists them). */
export interface FinalFile {
  path: string;
  size: number;
  layer: number;
}

/** Pure: the root folder of the npm package a path is in (`a/node_modules/@s/x/lib/i.js` → `a/node_modules/@s/x`). */
export function npmPackageRoot(path: string): string | null {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0 || (at > 0 && path[at - 1] !== '/')) return null;
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  const depth = rest[0]?.startsWith('@') ? 2 : 1;
  if (rest.length <= depth || rest[depth - 1] === '') return null;
  return path.slice(0, at) + 'node_modules/' + rest.slice(0, depth).join('/');
}

/**
 * Pure: every package installed in a filesystem, from the database files it holds. `final` is the stacked
 * filesystem (what a container sees), `databases[layer]` the database files each layer wrote: a status file that a
 * later layer rewrote is read in its last version, one a later layer deleted is not read. The same package found
 * twice (two node_modules, a venv and the system site-packages) is one entry: bytes summed, versions listed.
 */
export function installedPackages(final: FinalFile[], databases: (DatabaseFile[] | undefined)[]): InstalledPackage[] {
  const found: InstalledPackage[] = [];
  const records = new Map<string, number>();
  const npmRoots = new Map<string, number>();
  const npmJson: { root: string; text: string }[] = [];
  const pythonMeta: { dir: string; text: string }[] = [];
  for (const f of final) {
    const root = npmPackageRoot(f.path);
    if (root !== null && !f.path.slice(root.length + 1).includes('node_modules/')) npmRoots.set(root, (npmRoots.get(root) ?? 0) + f.size);
    const kind = packageDbKind(f.path);
    if (kind === null) continue;
    const db = databases[f.layer]?.find(d => d.path === f.path);
    if (!db) continue;
    switch (kind) {
      case 'dpkg-status':
      case 'dpkg-status-d':
        found.push(...parseDpkgStatus(db.text));
        break;
      case 'apk':
        found.push(...parseApkInstalled(db.text));
        break;
      case 'python-record':
        records.set(f.path.slice(0, f.path.lastIndexOf('/')), recordBytes(db.text));
        break;
      case 'python-metadata':
        pythonMeta.push({ dir: f.path.endsWith('.egg-info') ? f.path : f.path.slice(0, f.path.lastIndexOf('/')), text: db.text });
        break;
      case 'npm':
        npmJson.push({ root: f.path.slice(0, -'/package.json'.length), text: db.text });
        break;
    }
  }
  for (const m of pythonMeta) {
    const meta = parsePythonMetadata(m.text);
    if (meta) found.push({ ecosystem: 'pypi', name: meta.name, version: meta.version, bytes: records.get(m.dir) ?? null });
  }
  for (const j of npmJson) {
    const meta = parseNodePackageJson(j.text);
    if (meta) found.push({ ecosystem: 'npm', name: meta.name, version: meta.version, bytes: npmRoots.get(j.root) ?? 0 });
  }
  return merge(found);
}

function keyOf(p: { ecosystem: Ecosystem; name: string }): string {
  return `${p.ecosystem}\u0000${p.ecosystem === 'pypi' ? normalizePythonName(p.name) : p.name}`;
}

function merge(list: InstalledPackage[]): InstalledPackage[] {
  const by = new Map<string, InstalledPackage & { versions: Set<string> }>();
  for (const p of list) {
    const k = keyOf(p);
    const had = by.get(k);
    if (!had) {
      by.set(k, { ...p, versions: new Set([p.version]) });
      continue;
    }
    had.versions.add(p.version);
    had.bytes = had.bytes === null && p.bytes === null ? null : (had.bytes ?? 0) + (p.bytes ?? 0);
  }
  return [...by.values()]
    .map(({ versions, ...p }) => ({ ...p, version: [...versions].sort().join(', ') }))
    .sort((a, b) => (a.ecosystem < b.ecosystem ? -1 : a.ecosystem > b.ecosystem ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** One line of a package diff. `bytes`: the change in installed size (negative for a removed or smaller package). */
export interface PackageChange {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  baseVersion?: string;
  bytes: number;
}

export interface PackageDiff {
  /** What the packages were compared with: the same target on the base branch, or the image's own base image. */
  against: 'base-branch' | 'base-image';
  added: PackageChange[];
  removed: PackageChange[];
  changed: PackageChange[];
}

/** Pure: packages added, removed and changed (another version) from `base` to `pr`, largest change first. */
export function diffPackages(base: InstalledPackage[], pr: InstalledPackage[], against: PackageDiff['against']): PackageDiff {
  const baseBy = new Map(base.map(p => [keyOf(p), p]));
  const prKeys = new Set<string>();
  const added: PackageChange[] = [];
  const changed: PackageChange[] = [];
  for (const p of pr) {
    const k = keyOf(p);
    prKeys.add(k);
    const b = baseBy.get(k);
    if (!b) added.push({ ecosystem: p.ecosystem, name: p.name, version: p.version, bytes: p.bytes ?? 0 });
    else if (b.version !== p.version) {
      changed.push({ ecosystem: p.ecosystem, name: p.name, version: p.version, baseVersion: b.version, bytes: (p.bytes ?? 0) - (b.bytes ?? 0) });
    }
  }
  const removed: PackageChange[] = base
    .filter(b => !prKeys.has(keyOf(b)))
    .map(b => ({ ecosystem: b.ecosystem, name: b.name, version: b.version, bytes: -(b.bytes ?? 0) }));
  const order = (a: PackageChange, b: PackageChange): number => Math.abs(b.bytes) - Math.abs(a.bytes) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return { against, added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order) };
}
