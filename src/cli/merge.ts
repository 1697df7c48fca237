import * as fs from 'node:fs';
import * as path from 'node:path';
import { SEVERITIES, type Severity } from '../lint/rule';
import { VERSION } from '../pipeline';
import { serializeReport } from '../report/json';
import { renderSummary } from '../report/markdown';
import { mergeReports } from '../shard/merge';
import { expectedShardNames } from '../shard/plan';
import { readPartialReports } from '../shard/run';
import { renderRunFooter } from './run';

export const MERGE_USAGE = `usage: stageguard merge FILES_OR_GLOBS... [--expected-shards N|NAMES] [--fail-on error|warning|info|style|none]
                        [--format markdown|json] [--report FILE]

Merges the partial reports of shards (stageguard run --shard ... --partial-report FILE, or the action's mode shard)
into one report and prints it. A shard of --expected-shards without a valid partial report, and any file that is not
one (corrupt JSON, another version), is named as missing and fails the merge.
Exit status: 0 pass, 1 the gates failed or a shard is missing, 2 usage error.
`;

export interface MergeArgs {
  files: string[];
  expected: string[] | null;
  failOn?: Severity | 'none';
  format: 'markdown' | 'json';
  reportFile?: string;
  help: boolean;
}

/** Pure: parses `merge` arguments; throws an Error naming the bad option. */
export function parseMergeArgs(argv: string[]): MergeArgs {
  const out: MergeArgs = { files: [], expected: null, format: 'markdown', help: false };
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
      case '--expected-shards':
        out.expected = expectedShardNames(value());
        break;
      case '--fail-on': {
        const v = value();
        if (![...SEVERITIES, 'none'].includes(v)) throw new Error(`--fail-on must be one of ${[...SEVERITIES, 'none'].join('|')}, got ${v}`);
        out.failOn = v as Severity | 'none';
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
      case '--help':
      case '-h':
        out.help = true;
        break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        out.files.push(a);
    }
  }
  if (!out.help && out.files.length === 0) throw new Error('give the partial report files (or globs) to merge');
  return out;
}

/** `stageguard merge`: 0 pass, 1 gates failed or a shard missing, 2 usage error. */
export async function mergeCommand(argv: string[], io: { stdout(s: string): void; stderr(s: string): void; cwd: string }): Promise<number> {
  let args: MergeArgs;
  try {
    args = parseMergeArgs(argv);
  } catch (e) {
    io.stderr(`stageguard merge: ${(e as Error).message}\n${MERGE_USAGE}`);
    return 2;
  }
  if (args.help) {
    io.stdout(MERGE_USAGE);
    return 0;
  }
  const inputs = await readPartialReports(args.files, io.cwd);
  const report = mergeReports(inputs, { expected: args.expected, failOn: args.failOn, toolVersion: VERSION });
  if (args.reportFile) fs.writeFileSync(path.resolve(io.cwd, args.reportFile), serializeReport(report));
  for (const m of report.missingShards ?? []) io.stderr(`error: missing shard report: ${m}\n`);
  if (args.format === 'json') io.stdout(serializeReport(report));
  else {
    io.stdout(renderSummary(report));
    io.stdout(renderRunFooter(report));
  }
  return report.verdict.failed ? 1 : 0;
}
