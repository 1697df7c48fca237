import { lstatSync, statSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { confinedPath, isWithin } from '../fs/workspace';
import { ownValue } from '../own';

export const DEFAULT_PATTERNS = ['**/Dockerfile', '**/*.Dockerfile', '**/Dockerfile.*'];
const IGNORE = ['**/node_modules/**', '**/.git/**'];
// `Dockerfile.dockerignore` is BuildKit's per-Dockerfile ignore file, not a Dockerfile.
const NOT_DOCKERFILE = /\.dockerignore$/;

const toPosix = (p: string): string => p.split(sep).join('/');

export interface Discovery {
  /** Paths relative to cwd (posix separators), sorted, without duplicates. */
  files: string[];
  /** Explicit arguments that matched nothing. */
  unmatched: string[];
  /** Explicit arguments that lead outside the workspace, as messages naming them: they were not searched. */
  refused: string[];
}

/** The folder a glob starts from: its segments before the first one with glob syntax (`a/b/**\/x` → `a/b`). */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const i = segments.findIndex(seg => isDynamicPattern(seg));
  return (i < 0 ? segments.slice(0, -1) : segments.slice(0, i)).join('/') || '.';
}

async function below(dir: string, cwd: string): Promise<string[]> {
  // followSymbolicLinks: false, so a symlink loop cannot make the walk endless
  const found = await glob(DEFAULT_PATTERNS, { cwd: dir, ignore: IGNORE, followSymbolicLinks: false, dot: true, onlyFiles: true });
  return found.filter(f => !NOT_DOCKERFILE.test(f)).map(f => toPosix(relative(cwd, join(dir, f))));
}

/**
 * Finds the Dockerfiles to lint. No arguments: `Dockerfile`, `*.Dockerfile`, `Dockerfile.*` below cwd, skipping .git
 * and node_modules. Otherwise each argument is a file, a folder (searched like cwd) or a glob.
 */
export async function discoverDockerfiles(args: string[], cwd: string): Promise<Discovery> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const refused: string[] = [];
  if (args.length === 0) {
    for (const f of await below(cwd, cwd)) files.add(f);
    return { files: [...files].sort(), unmatched, refused };
  }
  for (const arg of args) {
    // resolve, not join: an absolute argument names that very file or folder (inside the workspace)
    const abs = resolve(cwd, arg);
    const rel = relative(cwd, abs);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = lstatSync(abs, { throwIfNoEntry: false });
    }
    if (st && !isWithin(resolve(cwd), abs)) {
      refused.push(`"${arg}" is outside the workspace; it was not read`);
      continue;
    }
    if (st?.isDirectory()) {
      // a folder symlinked to / (or anywhere out of the workspace) is never walked
      if (confinedPath(cwd, arg) === null) {
        refused.push(`"${arg}" is a symlink to a folder outside the workspace; it was not searched`);
        continue;
      }
      const found = await below(abs, cwd);
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) files.add(f);
      continue;
    }
    if (st && rel !== '') {
      // a file, or a FIFO, a device or a symlink named explicitly: the reader refuses what it must, as a finding
      files.add(toPosix(rel));
      continue;
    }
    if (isDynamicPattern(arg)) {
      // the glob's fixed part must stay inside: `../**` and `rootlink/**` (rootlink -> /) are not walked
      if (confinedPath(cwd, globBase(arg)) === null) {
        refused.push(`"${arg}" starts outside the workspace (or in a symlink that leads out of it); it was not searched`);
        continue;
      }
      const found = (await glob(arg, { cwd, ignore: IGNORE, followSymbolicLinks: false, dot: true, onlyFiles: true })).filter(f => isWithin(resolve(cwd), resolve(cwd, f)));
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) files.add(toPosix(f));
      continue;
    }
    unmatched.push(arg);
  }
  return { files: [...files].sort(), unmatched, refused };
}

/**
 * Whether a Dockerfile is touched by a change: the Dockerfile itself, its .dockerignore, or any file inside its build
 * context changed. (A PR that only changes source code still changes the image.)
 */
export function touchedByChange(dockerfile: string, contextDir: string, changed: readonly string[]): boolean {
  const norm = (p: string): string => p.replace(/^\.\//, '').replace(/\/+$/, '');
  const file = norm(dockerfile);
  const ctx = norm(contextDir);
  return changed.some(c => {
    const f = norm(c);
    return f === file || f === `${file}.dockerignore` || ctx === '' || ctx === '.' || f.startsWith(`${ctx}/`);
  });
}

export interface Selection extends Discovery {
  /** How many Dockerfiles were found before `changed` narrowed them down. */
  found: number;
}

/**
 * The Dockerfiles a run covers (the lint/build run and the shard plan alike): those the patterns find, narrowed, when
 * `changed` is given (a pull request with changed-only), to the ones the change touches. `contexts` are the build
 * contexts per Dockerfile from the config, `context` the input's; default: the Dockerfile's folder.
 */
export async function selectDockerfiles(o: {
  cwd: string;
  patterns: string[];
  changed: readonly string[] | null;
  context?: string;
  contexts?: Record<string, string>;
}): Promise<Selection> {
  const found = await discoverDockerfiles(o.patterns, o.cwd);
  const { changed } = o;
  if (!changed) return { ...found, found: found.files.length };
  const files = found.files.filter(f => touchedByChange(f, ownValue(o.contexts, f) ?? o.context ?? posix.dirname(f), changed));
  return { files, unmatched: found.unmatched, refused: found.refused, found: found.files.length };
}
