import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The repository root (where dist/index.js is). */
export const ROOT = path.resolve(__dirname, '..', '..');
export const ACTION = path.join(ROOT, 'dist', 'index.js');

/** Fails the suite early, with the fix, when the bundle the tests run is missing. */
export function requireBundle(): void {
  if (!fs.existsSync(ACTION)) throw new Error(`${path.relative(ROOT, ACTION)} is missing: run npm run bundle`);
}

/** The Node binaries the bundle is run with: the machine's, and Node 24 (what `runs.using: node24` means). */
export function nodeBinaries(): { name: string; bin: string }[] {
  const out = [{ name: `node ${process.version}`, bin: process.execPath }];
  const n24 = process.env.STAGEGUARD_NODE24;
  if (n24 && fs.existsSync(n24)) out.unshift({ name: 'node 24', bin: n24 });
  return out;
}

/** A git repository made by the test: a base commit on main, then commits on a PR branch. */
export class GitRepo {
  readonly dir: string;
  constructor(prefix: string) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), `stageguard-e2e-${prefix}-`));
    this.git(['init', '-q', '-b', 'main']);
    this.git(['config', 'user.email', 'dev@example.com']);
    this.git(['config', 'user.name', 'Dev']);
    this.git(['config', 'commit.gpgsign', 'false']);
  }
  git(args: string[]): string {
    return execFileSync('git', args, { cwd: this.dir, encoding: 'utf8' }).trim();
  }
  write(files: Record<string, string | Buffer>): void {
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(this.dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  commit(message: string): string {
    this.git(['add', '-A']);
    this.git(['commit', '-q', '-m', message]);
    return this.git(['rev-parse', 'HEAD']);
  }
  remove(): void {
    try {
      this.git(['worktree', 'prune']);
    } catch {
      /* best effort */
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A realistic `pull_request` event payload (the fields GitHub sends that the action reads, and their neighbours). */
export function pullRequestEvent(o: {
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  headRef: string;
  baseRef: string;
  fork?: boolean;
  /** The PR's labels (as `pull_request.labels` carries them). */
  labels?: string[];
  /** `pull_request.changed_files` (GitHub counts every file, past the files API's 3000). */
  changedFiles?: number;
}): unknown {
  const [owner, name] = o.repo.split('/');
  const repository = {
    id: 123456789,
    node_id: 'R_kgDOExample',
    name,
    full_name: o.repo,
    private: false,
    owner: { login: owner, id: 1000, type: 'Organization' },
    html_url: `https://github.com/${o.repo}`,
    default_branch: 'main',
    fork: false
  };
  const headRepo = o.fork ? { ...repository, id: 987654321, full_name: `contributor/${name}`, owner: { login: 'contributor', id: 2000, type: 'User' }, fork: true } : repository;
  return {
    action: 'synchronize',
    number: o.number,
    pull_request: {
      url: `https://api.github.com/repos/${o.repo}/pulls/${o.number}`,
      id: 1900000000 + o.number,
      number: o.number,
      state: 'open',
      title: 'Change the image',
      user: { login: 'contributor', id: 2000, type: 'User' },
      body: null,
      draft: false,
      head: { label: `${headRepo.owner.login}:${o.headRef}`, ref: o.headRef, sha: o.headSha, user: headRepo.owner, repo: headRepo },
      base: { label: `${owner}:${o.baseRef}`, ref: o.baseRef, sha: o.baseSha, user: repository.owner, repo: repository },
      author_association: 'CONTRIBUTOR',
      ...(o.changedFiles !== undefined ? { changed_files: o.changedFiles } : {}),
      labels: (o.labels ?? []).map((name, i) => ({
        id: 5000000000 + i,
        node_id: `LA_kwDOExample${i}`,
        url: `https://api.github.com/repos/${o.repo}/labels/${encodeURIComponent(name)}`,
        name,
        color: 'ededed',
        default: false,
        description: null
      })),
      updated_at: '2026-03-01T11:59:00Z'
    },
    repository,
    sender: { login: 'contributor', id: 2000, type: 'User' }
  };
}

export interface ActionRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The JSON report the `report` output names, read before the runner's temp folder goes. */
  report: Record<string, unknown> | null;
  /** The text of the partial report the `partial-report` output names (mode shard), read before the temp folder goes. */
  partialReport: string | null;
}

/** Parses the runner's GITHUB_OUTPUT file format: `name<<DELIMITER\nvalue\nDELIMITER` blocks (and `name=value`). */
export function parseRunnerFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]);
      if (i >= lines.length) throw new Error(`unterminated value for ${name} in the runner file`);
      out[name] = value.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

/**
 * Runs `node dist/index.js` as GitHub's runner does: inputs as INPUT_<NAME> (upper-cased, spaces to underscores, the
 * hyphens kept), the event in a file, GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files, RUNNER_TEMP, and GITHUB_API_URL.
 */
export async function runAction(o: {
  node: string;
  workspace: string;
  apiUrl: string;
  event: unknown;
  eventName?: string;
  inputs: Record<string, string>;
  sha: string;
  repo: string;
  /** Extra environment (e.g. DOCKER_HOST for the fault suite). */
  env?: Record<string, string>;
  /** Called with each chunk of stdout as it arrives (e.g. to inject a fault once a build group shows). */
  onStdout?: (chunk: string, all: string) => void;
}): Promise<ActionRun> {
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-runner-'));
  const eventPath = path.join(runner, 'event.json');
  const outputPath = path.join(runner, 'output.txt');
  const summaryPath = path.join(runner, 'summary.md');
  fs.writeFileSync(eventPath, JSON.stringify(o.event));
  fs.writeFileSync(outputPath, '');
  fs.writeFileSync(summaryPath, '');
  fs.mkdirSync(path.join(runner, 'temp'));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: o.repo,
    GITHUB_REPOSITORY_OWNER: o.repo.split('/')[0],
    GITHUB_SHA: o.sha,
    GITHUB_REF: 'refs/pull/1/merge',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_API_URL: o.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTION: '__stageguard',
    RUNNER_TEMP: path.join(runner, 'temp'),
    RUNNER_OS: 'Linux'
  };
  Object.assign(env, o.env ?? {});
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  const child = spawn(o.node, [ACTION], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    o.onStdout?.(c.toString(), stdout);
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exitCode = await new Promise<number>(resolve => child.on('close', code => resolve(code ?? 1)));
  const outputs = parseRunnerFile(fs.readFileSync(outputPath, 'utf8'));
  const result: ActionRun = {
    exitCode,
    stdout,
    stderr,
    outputs,
    summary: fs.readFileSync(summaryPath, 'utf8'),
    report: outputs.report && fs.existsSync(outputs.report) ? (JSON.parse(fs.readFileSync(outputs.report, 'utf8')) as Record<string, unknown>) : null,
    partialReport: outputs['partial-report'] && fs.existsSync(outputs['partial-report']) ? fs.readFileSync(outputs['partial-report'], 'utf8') : null
  };
  fs.rmSync(runner, { recursive: true, force: true });
  return result;
}

/**
 * Runs the bundle on a `pull_request` event as the runner does: pull request `number` of `repo`, checked out at its
 * head commit in `workspace`, from `headRef` into `baseRef` (main unless given).
 */
export function runOnPullRequest(o: {
  node: string;
  apiUrl: string;
  repo: string;
  workspace: string;
  number: number;
  baseSha: string;
  headSha: string;
  headRef: string;
  baseRef?: string;
  fork?: boolean;
  /** `pull_request.changed_files` in the event. */
  changedFiles?: number;
  /** The PR's labels in the event. */
  labels?: string[];
  inputs: Record<string, string>;
  env?: Record<string, string>;
  onStdout?: (chunk: string, all: string) => void;
}): Promise<ActionRun> {
  return runAction({
    node: o.node,
    workspace: o.workspace,
    apiUrl: o.apiUrl,
    event: pullRequestEvent({ repo: o.repo, number: o.number, headSha: o.headSha, baseSha: o.baseSha, headRef: o.headRef, baseRef: o.baseRef ?? 'main', fork: o.fork, changedFiles: o.changedFiles, labels: o.labels }),
    inputs: o.inputs,
    sha: o.headSha,
    repo: o.repo,
    env: o.env,
    onStdout: o.onStdout
  });
}

/**
 * The markdown GitHub renders as markup: fenced code blocks (a fence closes only with a fence of the same character
 * at least as long) and code spans removed. What is left must carry no live HTML, link or mention.
 */
export function outsideCode(md: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of md.split('\n')) {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (m) {
      fence = m[1];
      continue;
    }
    out.push(line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, ''));
  }
  return out.join('\n');
}
