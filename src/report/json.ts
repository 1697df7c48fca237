import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Report } from './types';

/** The top-level keys of the JSON report, in the order they are written. */
const TOP_ORDER: (keyof Report)[] = [
  'tool',
  'context',
  'baseline',
  'verdict',
  'lint',
  'builds',
  'buildCommands',
  'sizes',
  'imageFindings',
  'gates',
  'skipped',
  'warnings',
  'missingShards'
];

/** Objects with keys sorted (arrays keep their order): the same report always serialises to the same bytes. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/**
 * The report as JSON with a stable key order: the top-level keys in a fixed, readable order, every nested object's
 * keys sorted. Undefined fields are left out; pure.
 */
export function serializeReport(report: Report): string {
  const out: Record<string, unknown> = {};
  for (const k of TOP_ORDER) if (report[k] !== undefined) out[k] = canonical(report[k]);
  for (const k of Object.keys(report).sort()) {
    if (!(k in out) && (report as unknown as Record<string, unknown>)[k] !== undefined) {
      out[k] = canonical((report as unknown as Record<string, unknown>)[k]);
    }
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** Writes the JSON report (output `report`) atomically: a reader never sees half a file. */
export async function writeReportJson(report: Report, file: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, serializeReport(report), 'utf8');
  await fs.rename(tmp, file);
}
