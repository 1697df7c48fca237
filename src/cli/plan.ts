import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderPlanMarkdown } from '../shard/plan';
import { planFromDisk } from '../shard/run';

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

/** Pure: parses `plan` arguments; throws an Error naming the bad option. */
export function parsePlanArgs(argv: string[]): PlanArgs {
  const out: PlanArgs = { paths: [], maxShards: 8, targets: [], format: 'json', help: false };
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
      case '--max-shards': {
        const v = value();
        if (!/^[1-9]\d*$/.test(v)) throw new Error(`--max-shards must be a whole number of at least 1, got ${v}`);
        out.maxShards = Number(v);
        break;
      }
      case '--targets':
      case '--target':
        out.targets.push(...value().split(',').map(s => s.trim()).filter(Boolean));
        break;
      case '--config':
        out.configFile = value();
        break;
      case '--history':
        out.historyFile = value();
        break;
      case '--cwd':
        out.cwd = value();
        break;
      case '--format': {
        const v = value();
        if (v !== 'json' && v !== 'markdown') throw new Error(`--format must be json or markdown, got ${v}`);
        out.format = v;
        break;
      }
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        out.paths.push(a);
    }
  }
  return out;
}

/** `stageguard plan`: prints the matrix. */
export async function planCommand(argv: string[], io: { stdout(s: string): void; stderr(s: string): void; cwd: string }): Promise<number> {
  let args: PlanArgs;
  try {
    args = parsePlanArgs(argv);
  } catch (e) {
    io.stderr(`stageguard plan: ${(e as Error).message}\n${PLAN_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(PLAN_USAGE);
    return 0;
  }
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
  io.stdout(args.format === 'json' ? `${JSON.stringify(matrix)}\n` : renderPlanMarkdown(matrix));
  return 0;
}
