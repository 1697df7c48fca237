import type { FakeGithub } from '../support/fakeGithub';
import { GitRepo, nodeBinaries, runOnPullRequest, type ActionRun } from '../e2e/harness';

export const REPO = 'acme/faults';
export const TOKEN = 'ghs_faultSuiteTokenNeverPrinted0123456789';
/** The runner's Node (24) when installed, else the machine's. */
export const NODE = nodeBinaries()[0];

/** Inputs of a fast run: lint only, every Dockerfile, comment always. */
export const LINT_ONLY: Record<string, string> = {
  'github-token': TOKEN,
  build: 'false',
  compare: 'false',
  'changed-only': 'false',
  'fail-on': 'error',
  comment: 'always',
  network: 'none'
};

/** A repository with a base commit and a PR commit holding `files`; returns the shas. */
export function prRepo(prefix: string, base: Record<string, string | Buffer>, head: Record<string, string | Buffer>, branch = 'feature/x'): { repo: GitRepo; baseSha: string; headSha: string } {
  const repo = new GitRepo(`faults-${prefix}`);
  repo.write({ 'README.md': '# faults\n', ...base });
  const baseSha = repo.commit('base');
  repo.git(['checkout', '-q', '-b', branch]);
  repo.write(head);
  const headSha = repo.commit('change');
  return { repo, baseSha, headSha };
}

/** Runs the bundled action on PR `number` of REPO. */
export function runPr(o: {
  github: FakeGithub;
  repo: GitRepo;
  number: number;
  baseSha: string;
  headSha: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  headRef?: string;
  baseRef?: string;
  changedFiles?: number;
  labels?: string[];
  onStdout?: (chunk: string, all: string) => void;
}): Promise<ActionRun> {
  return runOnPullRequest({
    node: NODE.bin,
    apiUrl: o.github.url,
    repo: REPO,
    workspace: o.repo.dir,
    number: o.number,
    baseSha: o.baseSha,
    headSha: o.headSha,
    headRef: o.headRef ?? 'feature/x',
    baseRef: o.baseRef,
    changedFiles: o.changedFiles,
    labels: o.labels,
    inputs: o.inputs,
    env: { STAGEGUARD_GITHUB_BACKOFF_MS: '5', ...(o.env ?? {}) },
    onStdout: o.onStdout
  });
}

/** The `::warning::` lines of a run (the runner's annotation commands), decoded enough to search. */
export function warnings(run: ActionRun): string[] {
  return run.stdout.split('\n').filter(l => l.startsWith('::warning')).map(l => l.replace(/%0A/g, '\n').replace(/%25/g, '%'));
}

export { outsideCode, requireBundle } from '../e2e/harness';

/** Everything a run published or printed, minus the runner's own ::add-mask:: command lines. */
export function everythingPublished(run: ActionRun, github: FakeGithub): string {
  const printed = `${run.stdout}\n${run.stderr}`.split('\n').filter(l => !l.startsWith('::add-mask::')).join('\n');
  const bodies = github.requests.map(r => JSON.stringify(r.body ?? '')).join('\n');
  return [printed, run.summary, JSON.stringify(run.report ?? {}), JSON.stringify(run.outputs), bodies].join('\n');
}

/** Markdown with its backslash escapes removed, to search for the text a reader sees. */
export function plain(md: string): string {
  return md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}
