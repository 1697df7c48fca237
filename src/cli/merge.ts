import { jsonLogSafe, logSafe } from '../log';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Severity } from '../lint/rule';
import { VERSION } from '../version';
import { serializeReport } from '../report/json';
import { GITHUB_COMMENT_LIMIT, renderComment, renderSummary } from '../report/markdown';
import type { Report, ReportContext } from '../report/types';
import { mergeReports } from '../shard/merge';
import { expectedShardNames } from '../shard/plan';
import { readPartialReports } from '../shard/run';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';
import { FAIL_ON_CHOICES } from './lint';
import { renderRunFooter } from './run';

export const MERGE_USAGE = `usage: stageguard merge FILES_OR_GLOBS... [--expected-shards N|NAMES] [--fail-on error|warning|info|style|none]
                        [--format markdown|comment|json] [--report FILE]
                        [--server-url URL] [--repository OWNER/NAME] [--sha SHA] [--pr NUMBER] [--comment-header TEXT]

Merges the partial reports of shards (stageguard run --shard ... --partial-report FILE, or the action's mode shard)
into one report and prints it. A shard of --expected-shards without a valid partial report, and any file that is not
one (corrupt JSON, another version, a field of the wrong type), is named as missing and fails the merge.
--format comment prints the pull request comment body (with its marker, fitted to GitHub's 65,536 characters).
Links and the context come from the flags or GITHUB_SERVER_URL, GITHUB_REPOSITORY and GITHUB_SHA, never from the
partial reports, which a pull request may have written.
Exit status: 0 pass, 1 the gates failed or a shard is missing, 2 usage error.
`;

export interface MergeArgs {
  files: string[];
  expected: string[] | null;
  failOn?: Severity | 'none';
  format: 'markdown' | 'comment' | 'json';
  context: ReportContext;
  header?: string;
  reportFile?: string;
  help: boolean;
}

const MERGE_FLAGS = {
  'expected-shards': { type: 'string' },
  'fail-on': { type: 'string', choices: FAIL_ON_CHOICES },
  format: { type: 'string', choices: ['markdown', 'comment', 'json'] },
  report: { type: 'string' },
  'server-url': { type: 'string' },
  repository: { type: 'string' },
  sha: { type: 'string' },
  pr: { type: 'string' },
  'comment-header': { type: 'string' }
} as const satisfies FlagTable;

/** Pure: parses `merge` arguments; throws an Error naming the bad option. */
export function parseMergeArgs(argv: string[], env: NodeJS.ProcessEnv = {}): MergeArgs {
  const { values: v, positionals } = parseFlags(argv, MERGE_FLAGS);
  if (!v.help && positionals.length === 0) throw new Error('give the partial report files (or globs) to merge');
  const pr = v.pr === undefined ? undefined : Number(v.pr);
  if (pr !== undefined && !(Number.isInteger(pr) && pr > 0)) throw new Error(`--pr must be a pull request number; got "${v.pr}"`);
  const serverUrl = v['server-url'] ?? env.GITHUB_SERVER_URL ?? 'https://github.com';
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(serverUrl)) throw new Error(`--server-url must be an http(s) URL; got "${serverUrl}"`);
  const repository = v.repository ?? env.GITHUB_REPOSITORY;
  if (repository !== undefined && !/^[\w.-]+\/[\w.-]+$/.test(repository)) throw new Error(`--repository must be owner/name; got "${repository}"`);
  const sha = v.sha ?? env.GITHUB_SHA;
  if (sha !== undefined && !/^[0-9a-f]{7,64}$/i.test(sha)) throw new Error(`--sha must be a commit sha; got "${sha}"`);
  return {
    files: positionals,
    expected: v['expected-shards'] === undefined ? null : expectedShardNames(v['expected-shards']),
    failOn: v['fail-on'],
    format: v.format ?? 'markdown',
    context: { serverUrl: serverUrl.replace(/\/+$/, ''), ...(repository ? { repository } : {}), ...(sha ? { headSha: sha } : {}), ...(pr ? { pullNumber: pr } : {}) },
    header: v['comment-header'],
    reportFile: v.report,
    help: v.help
  };
}

/**
 * The comment body as run mode posts it (the marker first, fitted to GitHub's limit), made safe for the log it is
 * printed to; fitted again in the rare case that made it longer.
 */
export function commentBody(report: Report, header?: string): string {
  let max = GITHUB_COMMENT_LIMIT;
  for (;;) {
    const body = logSafe(renderComment(report, { header, maxChars: max }));
    if (body.length <= GITHUB_COMMENT_LIMIT || max < 1000) return body;
    max -= body.length - GITHUB_COMMENT_LIMIT;
  }
}

/** `stageguard merge`: 0 pass, 1 gates failed or a shard missing, 2 usage error. */
export function mergeCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('merge', MERGE_USAGE, argv, io, a => parseMergeArgs(a, process.env), args => mergeWith(args, io));
}

async function mergeWith(args: MergeArgs, io: CliIo): Promise<number> {
  const inputs = await readPartialReports(args.files, io.cwd);
  const report = mergeReports(inputs, { expected: args.expected, failOn: args.failOn, toolVersion: VERSION, context: args.context });
  if (args.reportFile) fs.writeFileSync(path.resolve(io.cwd, args.reportFile), serializeReport(report));
  for (const m of report.missingShards ?? []) io.stderr(`error: missing shard report: ${m}\n`);
  if (args.format === 'json') io.stdout(jsonLogSafe(serializeReport(report)));
  else if (args.format === 'comment') io.stdout(commentBody(report, args.header));
  else {
    io.stdout(logSafe(renderSummary(report)));
    io.stdout(logSafe(renderRunFooter(report)));
  }
  return report.verdict.failed ? 1 : 0;
}
