import * as core from '@actions/core';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createGitHubClient, type GitHubClient } from './github/client';
import { apiListIsComplete, changedFilesFromGit, changedPaths, listChangedFiles, PULL_FILES_API_CAP, renamedFrom, type ChangedFile } from './github/changedFiles';
import { upsertStickyComment, type CommentStatus } from './github/comment';
import { readEventPayload, readPullRequestContext, type PullRequestContext } from './github/context';
import { getInputs, type Inputs, type Mode } from './inputs';
import { loadConfig } from './config/config';
import { writeInWorkspace } from './fs/workspace';
import { PARSE_ERROR_RULE, summarize } from './lint/engine';
import { rules } from './lint/rules';
import { SHELLCHECK_RULE } from './lint/shellcheck';
import { actionsLogger, actionsLogger as log } from './log';
import { runPipeline, type PipelineOptions } from './pipeline';
import { configChangesOf } from './pipeline/find';
import type { GatePolicy } from './policy/decide';
import { VERSION } from './version';
import { annotationsFor, ANNOTATIONS_PER_LEVEL, capAnnotations } from './report/annotations';
import { commentMarker } from './report/escape';
import { writeReportJson } from './report/json';
import { renderComment, renderSummary } from './report/markdown';
import { renderSarif, sarifCapNote } from './report/sarif';
import type { Report, ReportContext } from './report/types';
import { mergeReports } from './shard/merge';
import { expectedShardNames, parseMatrixEntry, renderPlanMarkdown } from './shard/plan';
import { partialFileName, planFromDisk, readPartialReports, resolveShard, writePartialReport, type PlanInput } from './shard/run';
import { perImageBudgets } from './policy/sizeGates';
import { failedBy } from './policy/verdict';
import type { SizeWaiver } from './policy/waiver';
import { findSizeWaiver } from './github/labels';

/**
 * The changed files of the PR: the pulls files API, with `git diff` against the base sha when the API cannot answer
 * or cannot list them all (it stops at 3000 files; the event's `changed_files` says how many there are). With no
 * complete list, null: every Dockerfile is checked, never fewer than the PR changed.
 */
async function changedFiles(octokit: GitHubClient | null, ctx: PullRequestContext, cwd: string): Promise<ChangedFile[] | null> {
  let why = '';
  if (octokit && ctx.pullNumber !== null) {
    try {
      const listed = await listChangedFiles(octokit, { owner: ctx.owner, repo: ctx.repo, pull_number: ctx.pullNumber });
      if (apiListIsComplete(listed.length, ctx.changedFilesCount)) return listed;
      why = `the pulls files API listed ${listed.length} files and the pull request changes ${ctx.changedFilesCount !== null && ctx.changedFilesCount > listed.length ? ctx.changedFilesCount : 'more'} (it lists at most ${PULL_FILES_API_CAP})`;
      log.info(`Changed files: ${why}; reading them with git diff against the base commit.`);
    } catch (e) {
      why = `the pulls files API failed: ${(e as Error).message}`;
      log.warning(`Could not list the pull request's files through the API (${(e as Error).message}); using git diff instead.`);
    }
  }
  if (ctx.baseSha && ctx.headSha) {
    try {
      return await changedFilesFromGit(cwd, ctx.baseSha, ctx.headSha);
    } catch (e) {
      log.warning(`Could not diff against the base commit (${(e as Error).message}); checking every Dockerfile.`);
    }
  } else if (why) {
    log.warning(`No base commit to diff against (${why}); checking every Dockerfile.`);
  }
  return null;
}

/**
 * The image whose size goes to the `size-*` outputs: `main-image` as `path/to/Dockerfile:target` or just
 * `path/to/Dockerfile` (its final stage), else the first Dockerfile's final stage. Stage names compare
 * case-insensitively, as in BuildKit. Pure.
 */
export function mainImage(report: Report, wanted: string): Report['sizes'][number] | undefined {
  let file = report.builds[0]?.dockerfile;
  let target: string | null = null;
  if (wanted) {
    const i = wanted.lastIndexOf(':');
    file = (i > 0 ? wanted.slice(0, i) : wanted).replace(/^\.\//, '');
    target = i > 0 ? wanted.slice(i + 1).toLowerCase() : null;
  }
  const ofFile = report.sizes.filter(s => s.dockerfile === file);
  if (target !== null) return ofFile.find(s => s.target?.toLowerCase() === target);
  return ofFile.find(s => s.final === true) ?? ofFile[ofFile.length - 1];
}

/** Writes markdown to the job summary when the runner gives one; a failure is a warning, never the step's end. */
async function writeJobSummary(markdown: string): Promise<void> {
  try {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown, true).write();
  } catch (e) {
    log.warning(`Could not write the job summary: ${(e as Error).message}`);
  }
}

/** Pure: the report with what publishing itself will leave out said in its notes (SARIF past code scanning's limit). */
export function withPublishNotes(report: Report, inputs: Pick<Inputs, 'sarif-file'>): Report {
  const total = report.lint.summary.violations + report.imageFindings.length;
  const note = inputs['sarif-file'] ? sarifCapNote(total) : null;
  return note ? { ...report, warnings: [...report.warnings, note] } : report;
}

/** Publishes everything (comment, summary, annotations, files, outputs). Each part fails on its own, as a warning. */
async function publish(report: Report, inputs: Inputs, ctx: PullRequestContext, octokit: GitHubClient | null): Promise<void> {
  const tmp = process.env.RUNNER_TEMP || os.tmpdir();
  report = withPublishNotes(report, inputs);
  // the comment
  let comment: CommentStatus = { action: 'skipped' };
  const header = inputs['comment-header'] || undefined;
  if (!ctx.isPullRequest) log.info(`No pull request comment: the event is ${ctx.eventName || 'unknown'}.`);
  else if (inputs.comment === 'never') log.info('No pull request comment: comment is never.');
  else if (!octokit) log.warning('No pull request comment: no github-token.');
  else {
    const body = renderComment(report, { header });
    comment = await upsertStickyComment(octokit, {
      owner: ctx.owner,
      repo: ctx.repo,
      issue_number: ctx.pullNumber as number,
      body,
      marker: commentMarker(header),
      when: inputs.comment,
      mode: inputs['comment-mode']
    });
    if (comment.warning) log.warning(comment.warning);
    else log.info(`Pull request comment ${comment.action}${comment.url ? `: ${comment.url}` : ''}`);
  }
  // annotations, most severe first, as many as the runner shows (10 of each level per step)
  const { shown, omitted } = capAnnotations(annotationsFor(report));
  if (omitted > 0) {
    log.info(`${omitted} more findings are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} of each level per step): every finding is in the job summary and the JSON report.`);
  }
  for (const a of shown) {
    const props = { title: a.title, file: a.file, startLine: a.startLine, endLine: a.endLine, startColumn: a.startColumn, endColumn: a.endColumn };
    if (a.level === 'error') log.error(a.message, props);
    else if (a.level === 'warning') log.warning(a.message, props);
    else log.notice(a.message, props);
  }
  await writeJobSummary(renderSummary(report));
  // files
  const reportFile = path.join(tmp, 'stageguard-report.json');
  const sizeFile = path.join(tmp, 'stageguard-sizes.json');
  try {
    await writeReportJson(report, reportFile);
    fs.writeFileSync(sizeFile, `${JSON.stringify({ images: report.sizes }, null, 2)}\n`);
    core.setOutput('report', reportFile);
    core.setOutput('size-report', sizeFile);
  } catch (e) {
    log.warning(`Could not write the JSON report: ${(e as Error).message}`);
  }
  if (inputs['sarif-file']) {
    try {
      // inside the workspace or the runner's temp folder, and never through a symlink the PR put there
      const roots = [process.env.GITHUB_WORKSPACE || process.cwd(), ...(process.env.RUNNER_TEMP ? [process.env.RUNNER_TEMP] : [])];
      writeInWorkspace(inputs['sarif-file'], renderSarif(report.lint, [PARSE_ERROR_RULE, SHELLCHECK_RULE, ...rules], report.imageFindings, report.tool.version), roots);
    } catch (e) {
      log.warning(`Could not write the SARIF file ${inputs['sarif-file']}: ${(e as Error).message}`);
    }
  }
  // outputs
  core.setOutput('violations', String(report.lint.summary.violations + report.imageFindings.length));
  core.setOutput('errors', String(report.lint.summary.bySeverity.error + report.imageFindings.filter(f => f.finding.severity === 'error').length));
  const main = mainImage(report, inputs['main-image']);
  core.setOutput('size-bytes', main ? String(main.compressed) : '');
  core.setOutput('size-delta-bytes', main?.delta ? String(main.delta.compressed) : '');
  core.setOutput('comment-url', comment.url ?? '');
}

/** Pure: a merged report failed by the inputs that were invalid (named first among its reasons). */
export function withInputErrors(report: Report, errors: readonly string[]): Report {
  if (errors.length === 0) return report;
  return { ...report, warnings: [...errors, ...report.warnings], verdict: failedBy(report.verdict, errors) };
}

/** How the config's gates combine with the workflow's inputs: a floor unless the workflow trusts the config. */
const gatePolicyOf = (inputs: Pick<Inputs, 'trust-config'>): GatePolicy => (inputs['trust-config'] ? 'trust-config' : 'floor');

/**
 * Pure: a merged report with the config files this PR changes, as the report job sees them (its own checkout and
 * changed files, never a shard's artifact), and the gate policy the merge applied.
 */
export function withConfigChanges(report: Report, changed: readonly string[], inputs: Pick<Inputs, 'config' | 'trust-config'>, cwd = '.'): Report {
  const configChanges = configChangesOf(changed, inputs.config || undefined, cwd);
  const policy = { ...(report.policy ?? { imageFindings: 'own' as const }), gates: gatePolicyOf(inputs) };
  return { ...report, ...(configChanges.length ? { configChanges } : {}), policy };
}

/** The pipeline's options from the inputs and the event (the `run` and `shard` modes share them). */
function pipelineOptions(
  inputs: Inputs,
  ctx: PullRequestContext,
  cwd: string,
  changed: string[] | null,
  renames: Record<string, string> = {},
  inputErrors: string[] = []
): PipelineOptions {
  return {
    cwd,
    dockerfiles: inputs.dockerfiles,
    changedFiles: changed,
    renamedFrom: renames,
    configFile: inputs.config || undefined,
    failOn: inputs['fail-on'],
    // the workflow's gates are a floor the PR's own config cannot lower, unless the workflow trusts the config
    gatePolicy: gatePolicyOf(inputs),
    ...(inputErrors.length ? { inputErrors } : {}),
    build: inputs.build,
    targets: inputs.targets,
    context: inputs.context || undefined,
    buildArgs: inputs['build-args'],
    shellcheck: inputs.shellcheck,
    onlyNewFindings: inputs['only-new-findings'],
    platform: inputs.platform || undefined,
    network: inputs.network || undefined,
    builder: inputs.builder || undefined,
    push: inputs.push,
    load: inputs.load,
    maxParallel: inputs['max-parallel'],
    cacheRepository: inputs['cache-repository'] || undefined,
    branch: ctx.headRef ?? 'unknown',
    baseBranch: ctx.baseRef ?? undefined,
    defaultBranch: ctx.defaultBranch ?? undefined,
    event: ctx.eventName,
    isFork: ctx.isFork,
    baseSha: ctx.isPullRequest && inputs.compare && ctx.baseSha ? ctx.baseSha : undefined,
    maxSize: inputs['max-size'] || undefined,
    maxIncrease: inputs['max-increase'] || undefined,
    maxWasted: inputs['max-wasted'] || undefined,
    sizeMetric: inputs['size-metric'],
    imageFindings: inputs['image-findings'],
    historyFile: inputs.history || undefined,
    context_: reportContext(ctx),
    // masked in build logs, errors and everything the report publishes (GitHub-format tokens are masked anyway)
    secrets: inputs['github-token'] ? [inputs['github-token']] : [],
    log: actionsLogger
  };
}

function reportContext(ctx: PullRequestContext): ReportContext {
  return {
    repository: ctx.repository,
    pullNumber: ctx.pullNumber ?? undefined,
    headSha: ctx.headSha ?? ctx.sha,
    baseRef: ctx.baseRef ?? undefined,
    headRef: ctx.headRef ?? undefined,
    serverUrl: ctx.serverUrl,
    eventName: ctx.eventName
  };
}

function planInput(inputs: Inputs, cwd: string, changed: string[] | null): PlanInput {
  return {
    cwd,
    dockerfiles: inputs.dockerfiles,
    changedFiles: changed,
    configFile: inputs.config || undefined,
    context: inputs.context || undefined,
    maxShards: inputs['max-shards'],
    targets: inputs.targets,
    historyFile: inputs.history || undefined
  };
}

/** `mode: plan`: the matrix as output `matrix` (plus `shard-count` and `shards`), and a table in the job summary. */
async function planMode(inputs: Inputs, cwd: string, changed: string[] | null): Promise<void> {
  const { matrix, warnings, dockerfiles } = await log.group('Plan the shards', async () => planFromDisk(planInput(inputs, cwd, changed)));
  for (const w of warnings) log.warning(w);
  log.info(`${dockerfiles.length} Dockerfiles in ${matrix.include.length} shards (max-shards ${inputs['max-shards']})`);
  for (const e of matrix.include) log.info(`shard ${e.shard}: cost ${e.cost}: ${e.dockerfiles.join(', ')}`);
  core.setOutput('matrix', JSON.stringify(matrix));
  core.setOutput('shard-count', String(matrix.include.length));
  core.setOutput('shards', matrix.include.map(e => e.shard).join(','));
  await writeJobSummary(renderPlanMarkdown(matrix));
}

/** `mode: shard`: lint, build and size one matrix entry, write its partial report; no comment, no gate failure. */
async function shardMode(inputs: Inputs, ctx: PullRequestContext, cwd: string, changed: string[] | null, renames: Record<string, string>, inputErrors: string[]): Promise<void> {
  if (!inputs.shard) throw new Error('mode shard needs the shard input: the matrix entry as JSON (${{ toJSON(matrix) }}) or a shard name');
  const entry = await resolveShard(inputs.shard, () => planFromDisk(planInput(inputs, cwd, changed)), parseMatrixEntry);
  log.info(`shard ${entry.shard} (${entry.name}): ${entry.dockerfiles.join(', ') || 'no Dockerfiles'}`);
  const { report } =
    entry.dockerfiles.length > 0
      ? await runPipeline({ ...pipelineOptions(inputs, ctx, cwd, null, renames, inputErrors), dockerfiles: entry.dockerfiles, targets: entry.targets ?? inputs.targets })
      : { report: withInputErrors(emptyShardReport(reportContext(ctx)), inputErrors) };
  const file = path.join(process.env.RUNNER_TEMP || os.tmpdir(), partialFileName(entry.shard));
  writePartialReport(file, entry, report);
  core.setOutput('partial-report', file);
  core.setOutput('report', file);
  log.info(`partial report: ${file}`);
  await writeJobSummary(renderSummary(report));
  for (const s of report.skipped) log.notice(s);
  if (report.verdict.failed) {
    const why = `stageguard shard ${entry.shard}: ${report.verdict.reasons.join('; ')}`;
    if (inputs['fail-in-shard']) core.setFailed(why);
    else log.info(`${why} (the report job decides the exit status)`);
  }
}

function emptyShardReport(context: ReportContext): Report {
  return {
    tool: { name: 'stageguard', version: VERSION },
    context,
    lint: summarize([]),
    builds: [],
    buildCommands: [],
    sizes: [],
    imageFindings: [],
    gates: [],
    skipped: ['This shard has no Dockerfiles.'],
    warnings: [],
    verdict: { failed: false, reasons: [] }
  };
}

/** `mode: report`: merge the downloaded partial reports into one report. */
async function reportMode(inputs: Inputs, ctx: PullRequestContext, cwd: string, sizeWaiver: SizeWaiver | null): Promise<Report> {
  if (inputs['partial-reports'].length === 0) throw new Error('mode report needs the partial-reports input: a glob of the downloaded shard artifacts');
  const partials = await readPartialReports(inputs['partial-reports'], cwd);
  const expected = expectedShardNames(inputs['expected-shards']);
  if (!expected) log.warning('expected-shards is empty, so a shard whose artifact never arrived cannot be noticed; pass the plan job\'s shards output.');
  log.info(`merging ${partials.length} partial reports${expected ? ` (expected shards: ${expected.join(', ')})` : ''}`);
  // per-image budgets come from the config when the report job has the checkout; the inputs' budgets always apply
  let perImageMaxSize: Record<string, string> = {};
  try {
    perImageMaxSize = perImageBudgets(loadConfig({ cwd, configFile: inputs.config || undefined }).dockerfiles);
  } catch (e) {
    log.warning(`The report job could not read the configuration (${(e as Error).message}); only the budget inputs are applied.`);
  }
  return mergeReports(partials, {
    expected,
    context: reportContext(ctx),
    failOn: inputs['fail-on'],
    sizeGates: {
      maxSize: inputs['max-size'] || undefined,
      maxIncrease: inputs['max-increase'] || undefined,
      maxWasted: inputs['max-wasted'] || undefined,
      metric: inputs['size-metric'],
      perImageMaxSize,
      floor: gatePolicyOf(inputs) === 'floor'
    },
    toolVersion: VERSION,
    sizeWaiver
  });
}

/** The action: inputs → lint → build → size → report; publishes everything, then decides the exit status here. */
export async function run(): Promise<void> {
  try {
    const { inputs, errors: inputErrors } = getInputs();
    // a bad input is named in a failed report (its default stands in, and nothing is built), never a bare crash
    for (const e of inputErrors) log.error(e);
    const payload = await readEventPayload(process.env.GITHUB_EVENT_PATH);
    const ctx = readPullRequestContext(process.env, payload);
    const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
    const octokit = inputs['github-token']
      ? createGitHubClient({ token: inputs['github-token'], baseUrl: ctx.apiUrl, onNotice: m => log.info(m) })
      : null;
    const mode: Mode = inputs.mode;
    const wantsChanged = ctx.isPullRequest && inputs['changed-only'] && (mode === 'run' || mode === 'plan' || (mode === 'shard' && !inputs.shard.trim().startsWith('{')));
    // the PR's files decide which Dockerfiles count (changed-only), where a renamed one was at the base (compare),
    // and whether the PR changes the config that shapes its own report
    // (a shard uses them only for renames, which matter only when it compares with the base)
    const wantsFiles = ctx.isPullRequest && (mode === 'run' || mode === 'report' || (mode === 'shard' && inputs.compare));
    const files = wantsChanged || wantsFiles ? await changedFiles(octokit, ctx, cwd) : null;
    const changed = wantsChanged && files ? changedPaths(files) : null;
    const renames = files ? renamedFrom(files) : {};
    // a size growth accepted on purpose: the PR's label turns the size gates into notes (run and report modes)
    const sizeWaiver = mode === 'run' || mode === 'report' ? await findSizeWaiver(octokit, ctx, payload, inputs['accept-size-label'], m => log.warning(m)) : null;
    if (sizeWaiver) log.info(`size budgets waived by the label ${sizeWaiver.label}${sizeWaiver.by ? ` (added by ${sizeWaiver.by})` : ''}`);
    if (mode === 'plan') {
      if (inputErrors.length) return core.setFailed(`stageguard: ${inputErrors.join(' ')}`);
      return await planMode(inputs, cwd, changed);
    }
    if (mode === 'shard') return await shardMode(inputs, ctx, cwd, changed, renames, inputErrors);
    const report =
      mode === 'report'
        ? withInputErrors(withConfigChanges(await reportMode(inputs, ctx, cwd, sizeWaiver), files ? changedPaths(files) : [], inputs, cwd), inputErrors)
        : (await runPipeline({ ...pipelineOptions(inputs, ctx, cwd, changed, renames, inputErrors), sizeWaiver, ...(files ? { diffFiles: changedPaths(files) } : {}) })).report;
    await publish(report, inputs, ctx, octokit);
    for (const s of report.skipped) log.notice(s);
    if (report.missingShards?.length) log.error(`stageguard: missing shard reports: ${report.missingShards.join('; ')}`);
    if (report.verdict.failed) core.setFailed(`stageguard: ${report.verdict.reasons.join('; ')}`);
  } catch (e) {
    core.setFailed(e instanceof Error ? e.message : String(e));
  }
}
