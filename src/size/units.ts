/**
 * Byte sizes as users write them in inputs and `.stageguard.yml`: SI (`kB`, `MB`, `GB`: powers of 1000) and IEC
 * (`KiB`, `MiB`, `GiB`: powers of 1024), or a bare number of bytes. Pure; bad values throw an Error naming the input.
 */

const UNITS: Record<string, number> = {
  b: 1,
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4
};

const SIZE_RE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-zA-Z]*)\s*$/;

/** `150MB` → 150000000, `150MiB` → 157286400, `1.5GB` → 1500000000, `123` → 123. */
export function parseSize(value: string, inputName = 'size'): number {
  const m = SIZE_RE.exec(String(value));
  if (!m) {
    throw new Error(`${inputName}: "${value}" is not a size; use a number of bytes or a unit such as 150MB or 150MiB`);
  }
  const unit = m[2].toLowerCase();
  const factor = unit === '' ? 1 : UNITS[unit];
  if (factor === undefined) {
    throw new Error(
      `${inputName}: unknown unit "${m[2]}" in "${value}"; use B, kB, MB, GB, TB (powers of 1000) or KiB, MiB, GiB, TiB (powers of 1024)`
    );
  }
  return Math.round(Number(m[1]) * factor);
}

export type Increase = { kind: 'percent'; value: number } | { kind: 'bytes'; value: number };

/** `5%` → 5 percent, `10MB` → 10000000 bytes. */
export function parseIncrease(value: string, inputName = 'max-increase'): Increase {
  const text = String(value).trim();
  if (text.endsWith('%')) {
    const n = text.slice(0, -1).trim();
    if (!/^(\d+(?:\.\d+)?|\.\d+)$/.test(n)) {
      throw new Error(`${inputName}: "${value}" is not a percentage; write it like 5% or 2.5%`);
    }
    return { kind: 'percent', value: Number(n) };
  }
  return { kind: 'bytes', value: parseSize(text, inputName) };
}

/** Human-readable, SI (as `docker images` prints): `1.5 MB`, `999 B`, `-2.1 kB`. */
export function formatBytes(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  if (abs < 1000) return `${sign}${abs} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = abs;
  let i = -1;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 ? 0 : v >= 10 ? 1 : 2;
  return `${sign}${v.toFixed(digits)} ${units[i]}`;
}

/** `+1.20 MB (+3.4%)` style delta text; percent omitted when the base is 0. */
export function formatDelta(delta: number, base: number | null): string {
  const bytes = `${delta > 0 ? '+' : ''}${formatBytes(delta)}`;
  if (!base) return bytes;
  const pct = (delta / base) * 100;
  return `${bytes} (${pct > 0 ? '+' : ''}${pct.toFixed(1)}%)`;
}
