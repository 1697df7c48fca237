/**
 * Pure parsers of installed-package databases, each tested on files captured from real images
 * (__tests__/size/packages/fixtures). No npm library reads these formats and is kept up (the deb822 / RFC 822 field
 * syntax is ten lines), so they are written here; each is linear in its input and never throws.
 */

export type Ecosystem = 'deb' | 'apk' | 'pypi' | 'npm';

/** One installed package as its database records it. `bytes`: installed size, null when the database has none. */
export interface InstalledPackage {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  bytes: number | null;
}

/**
 * Pure: deb822 paragraphs (dpkg's status, Debian control files; RFC 822 headers of Python METADATA are the first
 * paragraph): `Field: value` lines, continuation lines start with a space or a tab, paragraphs end at a blank line.
 * Field names are kept as written; the first occurrence of a field wins.
 */
export function parseDeb822(text: string, maxParagraphs = Infinity): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  let cur: Record<string, string> | null = null;
  let last: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (cur) out.push(cur);
      if (out.length >= maxParagraphs) return out;
      cur = null;
      last = null;
      continue;
    }
    if (line[0] === ' ' || line[0] === '\t') {
      if (cur && last !== null) cur[last] += `\n${line.slice(1)}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    cur ??= {};
    const key = line.slice(0, colon).trim();
    last = key in cur ? null : key;
    if (last !== null) cur[last] = line.slice(colon + 1).trim();
  }
  if (cur && out.length < maxParagraphs) out.push(cur);
  return out;
}

function int(s: string | undefined): number | null {
  if (s === undefined || !/^\d{1,15}$/.test(s.trim())) return null;
  return Number(s.trim());
}

/**
 * Pure: the packages of a dpkg status file (or of one `status.d/` file). Only packages whose Status says
 * `installed` count (not `config-files`, `half-installed`, ...); a stanza without Status (as distroless writes them)
 * is installed. `Installed-Size` is in KiB (Debian Policy 5.6.20).
 */
export function parseDpkgStatus(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const p of parseDeb822(text)) {
    const name = p.Package;
    if (!name) continue;
    if (p.Status !== undefined && p.Status.split(/\s+/)[2] !== 'installed') continue;
    const kib = int(p['Installed-Size']);
    out.push({ ecosystem: 'deb', name, version: p.Version ?? '', bytes: kib === null ? null : kib * 1024 });
  }
  return out;
}

/**
 * Pure: the packages of Alpine's `/lib/apk/db/installed`: one letter, a colon and the value per line, a blank line
 * between packages; `P` name, `V` version, `I` installed size in bytes (apk-tools' database format).
 */
export function parseApkInstalled(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  let cur: { P?: string; V?: string; I?: string } = {};
  const flush = (): void => {
    if (cur.P) out.push({ ecosystem: 'apk', name: cur.P, version: cur.V ?? '', bytes: int(cur.I) });
    cur = {};
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line === '') {
      flush();
      continue;
    }
    if (line[1] !== ':') continue;
    const k = line[0];
    if ((k === 'P' || k === 'V' || k === 'I') && cur[k] === undefined) cur[k] = line.slice(2);
  }
  flush();
  return out;
}

/** Pure: PEP 503's normalised project name (`Foo.Bar_baz` → `foo-bar-baz`), so METADATA and RECORD agree. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** Pure: name and version from a distribution's METADATA or PKG-INFO (the core metadata's header paragraph). */
export function parsePythonMetadata(text: string): { name: string; version: string } | null {
  const head = parseDeb822(text, 1)[0];
  if (!head?.Name) return null;
  return { name: normalizePythonName(head.Name), version: head.Version ?? '' };
}

/**
 * Pure: the bytes a wheel installed, from its RECORD (`path,hash,size` CSV; the path may be quoted and hold commas,
 * so the size is the last field). Lines without a size (RECORD itself, .pyc files) add nothing.
 */
export function recordBytes(text: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const comma = line.lastIndexOf(',');
    if (comma < 0) continue;
    const n = int(line.slice(comma + 1));
    if (n !== null) sum += n;
  }
  return sum;
}

/** Pure: name and version of a `node_modules/<name>/package.json`; null when it is not JSON or names nothing. */
export function parseNodePackageJson(text: string): { name: string; version: string } | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const { name, version } = doc as { name?: unknown; version?: unknown };
  if (typeof name !== 'string' || name === '') return null;
  return { name, version: typeof version === 'string' ? version : '' };
}
