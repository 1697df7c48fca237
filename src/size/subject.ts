import type { ImageSize } from './types';

/** Pure: `app/Dockerfile (final)`. */
export function sizeSubject(s: Pick<ImageSize, 'dockerfile' | 'target' | 'image'>): string {
  if (s.dockerfile === null) return s.image;
  return s.target ? `${s.dockerfile} (${s.target})` : s.dockerfile;
}
