import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { contextsByDockerfile, loadConfig, targetsByDockerfile, type Config } from '../config/config';
import { globBase, selectDockerfiles } from '../dockerfile/discover';
import { loadDockerfile } from '../dockerfile/read';
import { confinedPath, MAX_REPORT_BYTES, readInWorkspace } from '../fs/workspace';
import type { Report } from '../report/types';
import { serializePartial, type PartialInput } from './merge';
import { historyFromReport, planMatrix, type Matrix, type MatrixEntry } from './plan';

/** The I/O around the pure plan and merge: finding the Dockerfiles, reading history and partial reports. */

export interface PlanInput {
  cwd: string;
  /** Dockerfile paths or globs; empty: every Dockerfile below cwd. */
  dockerfiles: string[];
  /** Files the PR changes; null: every Dockerfile counts. */
  changedFiles: string[] | null;
  configFile?: string;
  context?: string;
  maxShards: number;
  targets?: string[];
  /** A previous report JSON whose build times refine the cost estimate. */
  historyFile?: string;
}

export interface PlanResult {
  matrix: Matrix;
  warnings: string[];
  /** Every Dockerfile in the plan (after changed-only). */
  dockerfiles: string[];
}

/** Finds and costs the Dockerfiles (as the run would) and packs them into the matrix. */
export async function planFromDisk(o: PlanInput): Promise<PlanResult> {
  const warnings: string[] = [];
  let config: Config | null = null;
  try {
    config = loadConfig({ cwd: o.cwd, configFile: o.configFile || undefined });
  } catch (e) {
    warnings.push(`The configuration could not be read (${(e as Error).message}); planning without it.`);
  }
  warnings.push(...(config?.warnings ?? []));
  const selection = await selectDockerfiles({ cwd: o.cwd, patterns: o.dockerfiles, changed: o.changedFiles, context: o.context, contexts: contextsByDockerfile(config) });
  for (const u of selection.unmatched) warnings.push(`"${u}" matched no Dockerfile`);
  warnings.push(...selection.refused);
  const files = selection.files;
  let history = new Map<string, number>();
  if (o.historyFile) {
    try {
      const read = readInWorkspace(o.historyFile, { root: o.cwd, maxBytes: MAX_REPORT_BYTES });
      if (!read.ok) throw new Error(`it ${read.reason}`);
      history = historyFromReport(JSON.parse(read.data.toString('utf8')));
      if (history.size === 0) warnings.push(`The history file ${o.historyFile} holds no build times; costs are estimated from the Dockerfiles.`);
    } catch (e) {
      warnings.push(`The history file ${o.historyFile} could not be read (${(e as Error).message}); costs are estimated from the Dockerfiles.`);
    }
  }
  const matrix = planMatrix(
    // a file too big or unreadable still gets a shard (it is linted there), at the least cost
    files.map(f => loadDockerfile(path.resolve(o.cwd, f), f, o.cwd)),
    { maxShards: o.maxShards, targets: o.targets, configTargets: targetsByDockerfile(config), history }
  );
  return { matrix, warnings, dockerfiles: files };
}

/** The matrix entry a `shard` input means: a JSON entry as is, or a shard number/name looked up in a fresh plan. */
export async function resolveShard(spec: string, plan: () => Promise<PlanResult>, parse: (s: string) => MatrixEntry): Promise<MatrixEntry> {
  const s = spec.trim();
  if (s.startsWith('{')) return parse(s);
  const { matrix } = await plan();
  const entry = matrix.include.find(e => e.shard === s || e.name === s);
  if (!entry) {
    throw new Error(`shard "${s}" is not in the plan (shards: ${matrix.include.map(e => e.shard).join(', ') || 'none'}); pass the same inputs as the plan job, or the matrix entry as JSON`);
  }
  return entry;
}

/** Writes a shard's partial report (the artifact to upload) atomically. */
export function writePartialReport(file: string, entry: MatrixEntry, report: Report): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, serializePartial({ shard: entry.shard, name: entry.name, dockerfiles: entry.dockerfiles, ...(entry.targets ? { targets: entry.targets } : {}) }, report));
  fs.renameSync(tmp, file);
}

/** The default file name of a shard's partial report: `stageguard-partial-<shard>.json` (safe characters only). */
export function partialFileName(shard: string): string {
  return `stageguard-partial-${shard.replace(/[^\w.-]+/g, '_')}.json`;
}

/**
 * Reads every partial report the patterns name (globs or files, relative to cwd), sorted by path so the merge is
 * deterministic. A pattern that matches nothing is returned as an unreadable input, so it is named, not ignored.
 */
export async function readPartialReports(patterns: string[], cwd: string): Promise<PartialInput[]> {
  const out: PartialInput[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns) {
    const abs = path.resolve(cwd, pattern);
    const st = fs.statSync(abs, { throwIfNoEntry: false });
    let files: string[];
    // a partial report comes from a pull request's run: its patterns and files stay inside the workspace
    if (st?.isDirectory() || (!st && isDynamicPattern(pattern))) {
      const base = st ? pattern : globBase(pattern);
      if (confinedPath(cwd, base) === null) {
        out.push({ source: pattern, text: null, error: 'it is outside the workspace (or a symlink that leads out of it); it was not searched' });
        continue;
      }
      files = st ? await glob(['**/*.json'], { cwd: abs, absolute: true, followSymbolicLinks: false }) : await glob([pattern], { cwd, absolute: true, followSymbolicLinks: false, onlyFiles: true });
    } else files = st ? [abs] : [];
    if (files.length === 0) {
      out.push({ source: pattern, text: null, error: 'no file matches it' });
      continue;
    }
    for (const f of files.sort()) {
      if (seen.has(f)) continue;
      seen.add(f);
      const source = path.relative(cwd, f) || f;
      const read = readInWorkspace(f, { root: cwd, maxBytes: MAX_REPORT_BYTES });
      if (read.ok) out.push({ source, text: read.data.toString('utf8') });
      else out.push({ source, text: null, error: `it ${read.reason}` });
    }
  }
  return out;
}
