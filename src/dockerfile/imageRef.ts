import type { ImageRef } from './model';

/**
 * Splits an image reference into registry / repository / tag / digest, the way the Docker reference grammar does:
 * the first path component is a registry when it contains `.` or `:` or is `localhost`; Docker Hub's `docker.io`
 * and `library/` prefixes are dropped so `python`, `library/python` and `docker.io/library/python` compare equal.
 * Pure and total: any text gives a best-effort result (`raw`/`resolved` keep the text as given).
 */
export function parseImageRef(text: string, resolved: string = text, fullyResolved = true): ImageRef {
  let rest = resolved.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1) || undefined;
    rest = rest.slice(0, at);
  }
  let registry: string | undefined;
  const slash = rest.indexOf('/');
  if (slash > 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost') {
      registry = first;
      rest = rest.slice(slash + 1);
    }
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1) || undefined;
    rest = rest.slice(0, colon);
  }
  if (registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = undefined;
  if (registry === undefined && rest.startsWith('library/')) rest = rest.slice('library/'.length);
  const repository = rest;
  return {
    raw: text,
    resolved,
    fullyResolved,
    registry,
    repository,
    tag,
    digest,
    isScratch: registry === undefined && repository.toLowerCase() === 'scratch'
  };
}

/** The last path component of the repository, lower-cased: `python` for `ghcr.io/org/python`. */
export function imageFamily(ref: ImageRef): string {
  const i = ref.repository.lastIndexOf('/');
  return (i >= 0 ? ref.repository.slice(i + 1) : ref.repository).toLowerCase();
}
