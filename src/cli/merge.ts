import { jsonLogSafe, logSafe } from '../log';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Severity } from '../lint/rule';
import { VERSION } from '../version';
import { serializeReport } from '../report/json';
import { renderSummary } from '../report/markdown';
import { mergeReports } from '../shard/merge';
import { expectedShardNames } from '../shard/plan';
import { readPartialReports } from '../shard/run';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';
import { FAIL_ON_CHOICES } from './lint';
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

const MERGE_FLAGS = {
  'expected-shards': { type: 'string' },
  'fail-on': { type: 'string', choices: FAIL_ON_CHOICES },
  format: { type: 'string', choices: ['markdown', 'json'] },
  report: { type: 'string' }
} as const satisfies FlagTable;

/** Pure: parses `merge` arguments; throws an Error naming the bad option. */
export function parseMergeArgs(argv: string[]): MergeArgs {
  const { values: v, positionals } = parseFlags(argv, MERGE_FLAGS);
  if (!v.help && positionals.length === 0) throw new Error('give the partial report files (or globs) to merge');
  return {
    files: positionals,
    expected: v['expected-shards'] === undefined ? null : expectedShardNames(v['expected-shards']),
    failOn: v['fail-on'],
    format: v.format ?? 'markdown',
    reportFile: v.report,
    help: v.help
  };
}

/** `stageguard merge`: 0 pass, 1 gates failed or a shard missing, 2 usage error. */
export function mergeCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('merge', MERGE_USAGE, argv, io, parseMergeArgs, args => mergeWith(args, io));
}

async function mergeWith(args: MergeArgs, io: CliIo): Promise<number> {
  const inputs = await readPartialReports(args.files, io.cwd);
  const report = mergeReports(inputs, { expected: args.expected, failOn: args.failOn, toolVersion: VERSION });
  if (args.reportFile) fs.writeFileSync(path.resolve(io.cwd, args.reportFile), serializeReport(report));
  for (const m of report.missingShards ?? []) io.stderr(`error: missing shard report: ${m}\n`);
  if (args.format === 'json') io.stdout(jsonLogSafe(serializeReport(report)));
  else {
    io.stdout(logSafe(renderSummary(report)));
    io.stdout(logSafe(renderRunFooter(report)));
  }
  return report.verdict.failed ? 1 : 0;
}
