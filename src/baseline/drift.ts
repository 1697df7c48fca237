import type { ImageSize } from '../size/types';

/** Pure: the drift in words: `+12.0 MB: +10.0 MB from python:3.12-slim moving (sha256:aaaa… → sha256:bbbb…), +2.0 MB from this PR`. */
export function driftLine(delta: number, drift: NonNullable<ImageSize['baseDrift']>, format: (n: number) => string): string {
  const sign = (n: number): string => (n >= 0 ? `+${format(n)}` : `-${format(-n)}`);
  const short = (layers: string[]): string => (layers.length ? `${layers[layers.length - 1].slice(0, 19)}…` : 'none');
  return `${sign(delta)}: ${sign(drift.compressed)} from ${drift.from ?? 'the base image'} moving (${short(drift.before)} → ${short(drift.after)}), ${sign(delta - drift.compressed)} from this PR`;
}
