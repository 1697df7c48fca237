/** The one reader of Dockerfiles (and their .dockerignore) from disk: bounded, inside the workspace, never throwing. */
import { join, relative, sep } from 'node:path';
import { MAX_DOCKERIGNORE_BYTES, readInWorkspace } from '../fs/workspace';
import type { DockerfileModel } from './model';
import { MAX_DOCKERFILE_BYTES, parseDockerfile } from './parse';

const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * The `.dockerignore` that applies to a build: lines and whether one exists. BuildKit prefers
 * `<Dockerfile>.dockerignore` beside the Dockerfile over `<context>/.dockerignore`. One that exists but is refused
 * (outside the workspace `root`, not a regular file, too big) comes back as a problem naming it.
 */
export function readDockerignore(dockerfile: string, context: string, root: string): { exists: boolean; lines: string[]; problem?: string } {
  for (const f of [`${dockerfile}.dockerignore`, join(context, '.dockerignore')]) {
    const read = readInWorkspace(f, { root, maxBytes: MAX_DOCKERIGNORE_BYTES });
    if (read.ok) return { exists: true, lines: read.data.toString('utf8').split(/\r?\n/) };
    if (!read.missing) return { exists: true, lines: [], problem: `${toPosix(relative(root, f))} ${read.reason}` };
  }
  return { exists: false, lines: [] };
}

/**
 * Reads and parses one Dockerfile, never throwing: a file that cannot be read, is too big, is not text, is not a
 * regular file or leads outside `root` (the workspace) comes back as a model with a problem (a `parse-error` finding
 * naming it) and no stages.
 */
export function loadDockerfile(abs: string, rel: string, root: string): DockerfileModel {
  const read = readInWorkspace(abs, { root, maxBytes: MAX_DOCKERFILE_BYTES });
  if (read.ok) return parseDockerfile(rel, read.data);
  const model = parseDockerfile(rel, '');
  model.problems = [{ message: `${rel} ${read.reason}`, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } }];
  return model;
}
