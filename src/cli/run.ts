import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLocal, type LocalRunOptions } from '../localRun';
import type { Severity } from '../lint/rule';
import { SEVERITIES } from '../lint/rule';
import { consoleLogger } from '../log';
import { serializeReport } from '../report/json';
import { renderSummary } from '../report/markdown';
import type { Report } from '../report/types';
import { parseMatrixEntry, type MatrixEntry } from '../shard/plan';
import { planFromDisk, resolveShard, writePartialReport } from '../shard/run';

export const RUN_USAGE = `usage: stageguard run [folder] [--dockerfile GLOB]... [--config FILE] [--fail-on error|warning|info|style|none]
                      [--no-build] [--target T]... [--build-arg K=V]... [--network none|host|default] [--platform P]
                      [--builder NAME] [--max-parallel N] [--cache-repository REF] [--branch NAME] [--base-ref REV]
                      [--max-size SIZE] [--max-increase SIZE|N%] [--max-wasted SIZE] [--size-metric compressed|uncompressed]
                      [--format markdown|json] [--report FILE] [--verbose]
                      [--shard JSON|NAME --partial-report FILE [--max-shards N] [--history FILE]]

Runs the action's whole job locally on a folder (default: the working directory): lints every Dockerfile, and when a
Docker engine answers, builds every target stage, measures each image and, with --base-ref, builds that revision too
and compares. Prints the report (the job summary's markdown, or JSON) and says what it skipped.
With --shard (a matrix entry from stageguard plan, or its shard name), runs only that shard's Dockerfiles and writes
its partial report to --partial-report for stageguard merge; the gates are then left to the merge (exit 0).
Exit status: 0 pass, 1 the gates failed, 2 usage or configuration error.
`;

export interface RunArgs {
  folder: string;
  format: 'markdown' | 'json';
  reportFile?: string;
  verbose: boolean;
  help: boolean;
  /** A matrix entry as JSON, or a shard name (looked up in a plan made with --max-shards and --history). */
  shard?: string;
  partialReportFile?: string;
  maxShards?: number;
  historyFile?: string;
  options: Omit<LocalRunOptions, 'cwd' | 'log'>;
}

/** Pure: parses `run` arguments; throws an Error naming the bad option. */
export function parseRunArgs(argv: string[]): RunArgs {
  const out: RunArgs = {
    folder: '.',
    format: 'markdown',
    verbose: false,
    help: false,
    options: { dockerfiles: [], failOn: 'error', build: true, targets: [], buildArgs: [], maxParallel: 2, sizeMetric: 'compressed' }
  };
  const o = out.options;
  let folderSet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      return v;
    };
    switch (name) {
      case '--dockerfile':
        o.dockerfiles.push(value());
        break;
      case '--config':
        o.configFile = value();
        break;
      case '--fail-on': {
        const v = value();
        if (![...SEVERITIES, 'none'].includes(v)) throw new Error(`--fail-on must be one of ${[...SEVERITIES, 'none'].join('|')}, got ${v}`);
        o.failOn = v as Severity | 'none';
        break;
      }
      case '--no-build':
        o.build = false;
        break;
      case '--target':
        o.targets.push(value());
        break;
      case '--build-arg':
        o.buildArgs.push(value());
        break;
      case '--network':
        o.network = value();
        break;
      case '--platform':
        o.platform = value();
        break;
      case '--builder':
        o.builder = value();
        break;
      case '--max-parallel': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new Error(`--max-parallel must be a whole number of at least 1, got ${v}`);
        o.maxParallel = Number(v);
        break;
      }
      case '--cache-repository':
        o.cacheRepository = value();
        break;
      case '--branch':
        o.branch = value();
        break;
      case '--base-ref':
        o.baseRef = value();
        break;
      case '--max-size':
        o.maxSize = value();
        break;
      case '--max-increase':
        o.maxIncrease = value();
        break;
      case '--max-wasted':
        o.maxWasted = value();
        break;
      case '--size-metric': {
        const v = value();
        if (v !== 'compressed' && v !== 'uncompressed') throw new Error(`--size-metric must be compressed or uncompressed, got ${v}`);
        o.sizeMetric = v;
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'markdown' && v !== 'json') throw new Error(`--format must be markdown or json, got ${v}`);
        out.format = v;
        break;
      }
      case '--report':
        out.reportFile = value();
        break;
      case '--shard':
        out.shard = value();
        break;
      case '--partial-report':
        out.partialReportFile = value();
        break;
      case '--max-shards': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new Error(`--max-shards must be a whole number of at least 1, got ${v}`);
        out.maxShards = Number(v);
        break;
      }
      case '--history':
        out.historyFile = value();
        break;
      case '--verbose':
      case '-v':
        out.verbose = true;
        break;
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (folderSet) throw new Error(`only one folder can be given (got ${out.folder} and ${a})`);
        out.folder = a;
        folderSet = true;
    }
  }
  if (out.shard !== undefined && !out.partialReportFile) throw new Error('--shard needs --partial-report FILE (where the partial report goes)');
  if (out.partialReportFile && out.shard === undefined) throw new Error('--partial-report needs --shard');
  return out;
}

/** A plain-text closing block for the terminal: what ran, what was skipped, and the verdict. */
export function renderRunFooter(report: Report): string {
  const lines: string[] = [''];
  for (const s of report.skipped) lines.push(`SKIPPED: ${s}`);
  lines.push(
    `stageguard: ${report.lint.summary.files} Dockerfiles linted, ${report.builds.length} stages built, ${report.sizes.length} images measured.`
  );
  lines.push(report.verdict.failed ? `FAILED: ${report.verdict.reasons.join('; ')}` : 'PASSED');
  return `${lines.join('\n')}\n`;
}

/** `stageguard run`: 0 pass, 1 gates failed, 2 usage or configuration error. */
export async function runCommand(argv: string[], io: { stdout(s: string): void; stderr(s: string): void; cwd: string }): Promise<number> {
  let args: RunArgs;
  try {
    args = parseRunArgs(argv);
  } catch (e) {
    io.stderr(`stageguard run: ${(e as Error).message}\n${RUN_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const cwd = path.resolve(io.cwd, args.folder);
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) {
    io.stderr(`stageguard run: ${args.folder} is not a folder\n`);
    return 2;
  }
  let result;
  let entry: MatrixEntry | undefined;
  try {
    const options = { ...args.options };
    if (args.shard !== undefined) {
      entry = await resolveShard(
        args.shard,
        () =>
          planFromDisk({
            cwd,
            dockerfiles: options.dockerfiles,
            changedFiles: null,
            configFile: options.configFile,
            maxShards: args.maxShards ?? 8,
            targets: options.targets,
            historyFile: args.historyFile && path.resolve(io.cwd, args.historyFile)
          }),
        parseMatrixEntry
      );
      io.stderr(`shard ${entry.shard} (${entry.name}): ${entry.dockerfiles.join(', ') || 'no Dockerfiles'}\n`);
      options.dockerfiles = entry.dockerfiles;
      options.targets = entry.targets ?? options.targets;
      if (entry.dockerfiles.length === 0) options.build = false;
    }
    result = await runLocal({ ...options, cwd, log: consoleLogger(s => io.stderr(s), args.verbose) });
  } catch (e) {
    io.stderr(`stageguard run: ${(e as Error).message}\n`);
    return 2;
  }
  const { report } = result;
  if (args.reportFile) fs.writeFileSync(path.resolve(io.cwd, args.reportFile), serializeReport(report));
  if (entry && args.partialReportFile) writePartialReport(path.resolve(io.cwd, args.partialReportFile), entry, report);
  if (args.format === 'json') io.stdout(serializeReport(report));
  else {
    io.stdout(renderSummary(report));
    io.stdout(renderRunFooter(report));
  }
  if (result.config === null) return 2;
  if (entry) return 0; // a shard's gates are decided by stageguard merge
  return report.verdict.failed ? 1 : 0;
}
