/** The one reader of Dockerfiles (and their .dockerignore) from disk: bounded, and never throwing. */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DockerfileModel } from './model';
import { MAX_DOCKERFILE_BYTES, parseDockerfile } from './parse';

/** The `.dockerignore` that applies to a build: lines and whether one exists. */
export function readDockerignore(dockerfile: string, context: string): { exists: boolean; lines: string[] } {
  // BuildKit prefers `<Dockerfile>.dockerignore` beside the Dockerfile over `<context>/.dockerignore`.
  for (const f of [`${dockerfile}.dockerignore`, join(context, '.dockerignore')]) {
    try {
      return { exists: true, lines: readFileSync(f, 'utf8').split(/\r?\n/) };
    } catch {
      /* try the next one */
    }
  }
  return { exists: false, lines: [] };
}

/** Reads at most MAX+1 bytes, so a huge file is rejected without being read whole. */
function readBounded(file: string): Buffer | string {
  const st = statSync(file);
  if (st.isDirectory()) throw new Error('is a directory, not a Dockerfile');
  if (st.size > MAX_DOCKERFILE_BYTES) return `file is larger than ${MAX_DOCKERFILE_BYTES} bytes (${st.size})`;
  if (st.size > 0) return readFileSync(file);
  // size 0 may be a pipe or /proc file: read a bounded amount
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_DOCKERFILE_BYTES + 1);
    const n = readSync(fd, buf, 0, buf.length, null);
    return n > MAX_DOCKERFILE_BYTES ? `file is larger than ${MAX_DOCKERFILE_BYTES} bytes` : buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and parses one Dockerfile, never throwing: a file that cannot be read, is too big or is not text comes back as
 * a model with a problem (a `parse-error` finding) and no stages. The one reader of Dockerfiles from disk.
 */
export function loadDockerfile(abs: string, rel: string): DockerfileModel {
  const failed = (message: string): DockerfileModel => {
    const model = parseDockerfile(rel, '');
    model.problems = [{ message, range: { line: 1, column: 1, endLine: 1, endColumn: 1 } }];
    return model;
  };
  try {
    const content = readBounded(abs);
    return typeof content === 'string' ? failed(content) : parseDockerfile(rel, content);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return failed(`cannot read: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  }
}

