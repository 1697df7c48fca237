import * as fs from 'node:fs';
import * as path from 'node:path';
import { runLocal, type LocalRunOptions } from '../localRun';
import { consoleLogger, jsonLogSafe, logSafe } from '../log';
import { serializeReport } from '../report/json';
import { renderSummary } from '../report/markdown';
import type { Report } from '../report/types';
import { parseMatrixEntry, type MatrixEntry } from '../shard/plan';
import { planFromDisk, resolveShard, writePartialReport } from '../shard/run';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';
import { SHELLCHECK_MODES } from '../lint/shellcheck';
import { FAIL_ON_CHOICES } from './lint';

export const RUN_USAGE = `usage: stageguard run [folder] [--dockerfile GLOB]... [--config FILE] [--fail-on error|warning|info|style|none]
                      [--no-build] [--target T]... [--build-arg K=V]... [--network none|host|default] [--platform P]
                      [--builder NAME] [--max-parallel N] [--cache-repository REF] [--branch NAME] [--base-ref REV] [--build-base] [--load]
                      [--max-size SIZE] [--max-increase SIZE|N%] [--max-wasted SIZE] [--size-metric compressed|uncompressed]
                      [--shellcheck auto|required|off] [--only-new] [--format markdown|json] [--report FILE] [--verbose]
                      [--shard JSON|NAME --partial-report FILE [--max-shards N] [--history FILE]]

Runs the action's whole job locally on a folder (default: the working directory): lints every Dockerfile, and when a
Docker engine answers, builds every target stage, measures each image and, with --base-ref, builds that revision too
and compares (with --cache-repository, against the stored report of that revision when one fits; --build-base always
builds it); its findings are marked new or existing against that revision (--only-new: the gates see only new ones).
Prints the report (the job summary's markdown, or JSON) and says what it skipped.
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

const RUN_FLAGS = {
  dockerfile: { type: 'string', multiple: true },
  config: { type: 'string' },
  'fail-on': { type: 'string', choices: FAIL_ON_CHOICES },
  'no-build': { type: 'boolean' },
  target: { type: 'string', multiple: true },
  'build-arg': { type: 'string', multiple: true },
  network: { type: 'string' },
  platform: { type: 'string' },
  builder: { type: 'string' },
  'max-parallel': { type: 'string', positiveInt: true },
  'cache-repository': { type: 'string' },
  branch: { type: 'string' },
  'base-ref': { type: 'string' },
  'build-base': { type: 'boolean' },
  load: { type: 'boolean' },
  'max-size': { type: 'string' },
  'max-increase': { type: 'string' },
  'max-wasted': { type: 'string' },
  'size-metric': { type: 'string', choices: ['compressed', 'uncompressed'] },
  format: { type: 'string', choices: ['markdown', 'json'] },
  report: { type: 'string' },
  shard: { type: 'string' },
  'partial-report': { type: 'string' },
  'max-shards': { type: 'string', positiveInt: true },
  history: { type: 'string' },
  shellcheck: { type: 'string', choices: SHELLCHECK_MODES },
  'only-new': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' }
} as const satisfies FlagTable;

/** Pure: parses `run` arguments; throws an Error naming the bad option. */
export function parseRunArgs(argv: string[]): RunArgs {
  const { values: v, positionals } = parseFlags(argv, RUN_FLAGS);
  if (positionals.length > 1) throw new Error(`only one folder can be given (got ${positionals[0]} and ${positionals[1]})`);
  if (v.shard !== undefined && !v['partial-report']) throw new Error('--shard needs --partial-report FILE (where the partial report goes)');
  if (v['partial-report'] && v.shard === undefined) throw new Error('--partial-report needs --shard');
  return {
    folder: positionals[0] ?? '.',
    format: v.format ?? 'markdown',
    reportFile: v.report,
    verbose: v.verbose,
    help: v.help,
    shard: v.shard,
    partialReportFile: v['partial-report'],
    maxShards: v['max-shards'],
    historyFile: v.history,
    options: {
      dockerfiles: v.dockerfile,
      configFile: v.config,
      failOn: v['fail-on'] ?? 'error',
      build: !v['no-build'],
      targets: v.target,
      buildArgs: v['build-arg'],
      network: v.network,
      platform: v.platform,
      builder: v.builder,
      maxParallel: v['max-parallel'] ?? 2,
      cacheRepository: v['cache-repository'],
      branch: v.branch,
      baseRef: v['base-ref'],
      buildBase: v['build-base'],
      load: v.load,
      maxSize: v['max-size'],
      maxIncrease: v['max-increase'],
      maxWasted: v['max-wasted'],
      sizeMetric: v['size-metric'] ?? 'compressed',
      shellcheck: v.shellcheck ?? 'auto',
      onlyNew: v['only-new']
    }
  };
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
export function runCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('run', RUN_USAGE, argv, io, parseRunArgs, args => runWith(args, io));
}

async function runWith(args: RunArgs, io: CliIo): Promise<number> {
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
  if (args.format === 'json') io.stdout(jsonLogSafe(serializeReport(report)));
  else {
    io.stdout(logSafe(renderSummary(report)));
    io.stdout(logSafe(renderRunFooter(report)));
  }
  if (result.config === null) return 2;
  if (entry) return 0; // a shard's gates are decided by stageguard merge
  return report.verdict.failed ? 1 : 0;
}
