import { jsonLogSafe, logSafe } from '../log';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPlanMarkdown } from '../shard/plan';
import { planFromDisk } from '../shard/run';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';

export const PLAN_USAGE = `usage: stageguard plan [paths or globs...] [--max-shards N] [--targets T,...] [--config FILE] [--history REPORT.json]
                       [--format json|markdown] [--cwd FOLDER]

Splits the work of a run into shards for a GitHub Actions strategy.matrix: one unit per Dockerfile (with its targets),
costed (stages, steps, RUN steps; or the last build time from --history, a previous report JSON) and packed into at
most --max-shards shards (default 8), longest first. Prints {"include":[{"shard","name","dockerfiles","cost"}...]}.
Exit status: 0, or 2 on a usage error.
`;

export interface PlanArgs {
  paths: string[];
  maxShards: number;
  targets: string[];
  configFile?: string;
  historyFile?: string;
  format: 'json' | 'markdown';
  cwd?: string;
  help: boolean;
}

const PLAN_FLAGS = {
  'max-shards': { type: 'string', positiveInt: true },
  targets: { type: 'string', list: true },
  target: { type: 'string', list: true, into: 'targets' },
  config: { type: 'string' },
  history: { type: 'string' },
  cwd: { type: 'string' },
  format: { type: 'string', choices: ['json', 'markdown'] }
} as const satisfies FlagTable;

/** Pure: parses `plan` arguments; throws an Error naming the bad option. */
export function parsePlanArgs(argv: string[]): PlanArgs {
  const { values: v, positionals } = parseFlags(argv, PLAN_FLAGS);
  return {
    paths: positionals,
    maxShards: v['max-shards'] ?? 8,
    targets: v.targets,
    configFile: v.config,
    historyFile: v.history,
    format: v.format ?? 'json',
    cwd: v.cwd,
    help: v.help
  };
}

/** `stageguard plan`: prints the matrix. */
export function planCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('plan', PLAN_USAGE, argv, io, parsePlanArgs, args => planWith(args, io));
}

async function planWith(args: PlanArgs, io: CliIo): Promise<number> {
  const cwd = path.resolve(io.cwd, args.cwd ?? '.');
  if (!fs.existsSync(cwd) || !fs.statSync(cwd).isDirectory()) {
    io.stderr(`stageguard plan: ${cwd} is not a folder\n`);
    return 2;
  }
  const { matrix, warnings } = await planFromDisk({
    cwd,
    dockerfiles: args.paths,
    changedFiles: null,
    configFile: args.configFile,
    maxShards: args.maxShards,
    targets: args.targets,
    historyFile: args.historyFile && path.resolve(io.cwd, args.historyFile)
  });
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
  io.stdout(args.format === 'json' ? jsonLogSafe(`${JSON.stringify(matrix)}\n`) : logSafe(renderPlanMarkdown(matrix)));
  return 0;
}
