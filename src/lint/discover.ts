import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

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
  if (args.length === 0) {
    for (const f of await below(cwd, cwd)) files.add(f);
    return { files: [...files].sort(), unmatched };
  }
  for (const arg of args) {
    // resolve, not join: an absolute argument names that very file or folder
    const abs = resolve(cwd, arg);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isFile()) {
      files.add(toPosix(relative(cwd, abs)));
      continue;
    }
    if (st?.isDirectory()) {
      const found = await below(abs, cwd);
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) files.add(f);
      continue;
    }
    if (isDynamicPattern(arg)) {
      const found = await glob(arg, { cwd, ignore: IGNORE, followSymbolicLinks: false, dot: true, onlyFiles: true });
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) files.add(toPosix(f));
      continue;
    }
    unmatched.push(arg);
  }
  return { files: [...files].sort(), unmatched };
}
