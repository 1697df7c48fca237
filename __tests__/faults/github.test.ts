/**
 * Faults on the GitHub side, through the bundled action (`node dist/index.js`) and the local GitHub API's fault
 * injection: 403, 404, 500, 502, a secondary rate limit, a token quoted in an error, and two runs of one PR at once.
 * Lint only (build: false): no engine needed, and the point is the API.
 */
import type { FaultKind, RouteName } from '../support/fakeGithub';
import { useFakeGithub } from '../support/useFakeGithub';
import { everythingPublished, LINT_ONLY, prRepo, requireBundle, REPO, runPr, TOKEN, warnings } from './support';

jest.setTimeout(120_000);

// apt-get without -y is an error-free warning finding: the lint result to look for in the comment and summary
const DOCKERFILE = 'FROM localhost:5000/busybox:1\nRUN apt-get install curl\nUSER app\nHEALTHCHECK NONE\nCMD ["sh"]\n';

describe('GitHub API faults (the bundled action against a local GitHub API)', () => {
  const github = useFakeGithub(requireBundle);
  const { repo, baseSha, headSha } = prRepo('github', { 'gh/Dockerfile': 'FROM localhost:5000/busybox:1\n' }, { 'gh/Dockerfile': DOCKERFILE });
  afterAll(() => repo.remove());

  const lintResultIn = (text: string): void => {
    expect(text).toContain('gh/Dockerfile');
    expect(text).toMatch(/apt-get/);
  };

  it.each<[string, RouteName, FaultKind, number, RegExp]>([
    ['a 403 on creating the comment (read-only fork token)', 'createComment', 403, 1, /403.*Resource not accessible by integration.*pull-requests: write/],
    ['a 404 on listing the comments', 'listComments', 404, 1, /404.*does not exist in that repository or the token cannot see it/],
    ['a 500 on every try of creating the comment', 'createComment', 500, 10, /GitHub answered 500.*after retries/],
    ['a 502 on every try of listing the comments', 'listComments', 502, 10, /GitHub answered 502.*after retries/],
    ['a secondary rate limit on every try of creating the comment', 'createComment', 'secondary-rate-limit', 10, /secondary rate limit persisted after retries/]
  ])('publishes the summary, warns with the cause and exits by the gates on %s', async (_name, route, kind, times, cause) => {
    const number = 100 + ['createComment', 'listComments'].indexOf(route) * 10 + (typeof kind === 'number' ? kind % 7 : 6);
    github().reset();
    github().fail(route, kind, times);
    const run = await runPr({ github: github(), repo, number, baseSha, headSha, inputs: LINT_ONLY });
    expect(run.exitCode).toBe(0);
    expect(warnings(run).join('\n')).toMatch(cause);
    expect(github().commentsOf(REPO, number)).toHaveLength(0);
    lintResultIn(run.summary);
    expect(run.outputs.violations).toMatch(/^[1-9]\d*$/);
    if (times > 1 && kind !== 403 && kind !== 404) {
      // retried: the route was asked more than once before the warning
      expect(github().requests.filter(r => r.route === route).length).toBeGreaterThan(1);
    }
  });

  it.each<[string, RouteName, FaultKind]>([
    ['a 500', 'createComment', 500],
    ['a 502', 'listComments', 502],
    ['a secondary rate limit', 'createComment', 'secondary-rate-limit']
  ])('retries %s with backoff and then posts the comment', async (_name, route, kind) => {
    const number = 200 + (typeof kind === 'number' ? kind % 7 : 6);
    github().reset();
    github().fail(route, kind, 2);
    const run = await runPr({ github: github(), repo, number, baseSha, headSha, inputs: LINT_ONLY });
    expect(run.exitCode).toBe(0);
    const tries = github().requests.filter(r => r.route === route);
    // two failures, then the retry that succeeded
    expect(tries.slice(0, 3).map(t => t.status)).toEqual([kind === 'secondary-rate-limit' ? 403 : kind, kind === 'secondary-rate-limit' ? 403 : kind, route === 'createComment' ? 201 : 200]);
    const comments = github().commentsOf(REPO, number);
    expect(comments).toHaveLength(1);
    lintResultIn(comments[0].body);
    expect(warnings(run).join('\n')).not.toMatch(/could not .* comment/);
  });

  it('masks a token that a GitHub error message quotes, everywhere the run writes', async () => {
    github().reset();
    // a proxy or an enterprise server that quotes the credential back in its errors
    const quoting = `Bad credentials: token ${TOKEN} is not valid for this resource`;
    github().fail('listFiles', 404, 1, 1, quoting);
    github().fail('createComment', 403, 1, 1, quoting);
    const run = await runPr({ github: github(), repo, number: 301, baseSha, headSha, inputs: { ...LINT_ONLY, 'changed-only': 'true' } });
    expect(run.exitCode).toBe(0);
    // both errors were reported, with their cause, but with the token masked
    expect(warnings(run).join('\n')).toMatch(/list the pull request's files.*Bad credentials: token \*\*\*/);
    expect(warnings(run).join('\n')).toMatch(/403 \(Bad credentials: token \*\*\*/);
    // the runner masks the log only; the action must never print or publish the value itself
    expect(run.stdout).toContain(`::add-mask::${TOKEN}`);
    const published = everythingPublished(run, github()).replace(/"authorization":"token [^"]+"/g, '');
    expect(published).not.toContain(TOKEN);
    lintResultIn(run.summary);
  });

  it('leaves exactly one comment, with the last writer body, when two runs of one PR race', async () => {
    github().reset();
    const number = 401;
    // a barrier: the first run's listing of the comments is answered only once the second run lists them too, so
    // both see no comment and both POST (the race two quick pushes cause)
    let release: () => void = () => undefined;
    const gate = new Promise<void>(resolve => (release = resolve));
    github().onceBefore('listComments', () => gate);
    github().onceBefore('listComments', () => release());
    const [a, b] = await Promise.all([
      runPr({ github: github(), repo, number, baseSha, headSha, inputs: { ...LINT_ONLY, 'comment-header': '' } }),
      runPr({ github: github(), repo, number, baseSha, headSha, inputs: { ...LINT_ONLY, 'fail-on': 'warning' } })
    ]);
    expect(a.exitCode).toBe(0);
    expect(b.exitCode).toBe(1);
    const comments = github().commentsOf(REPO, number);
    expect(comments).toHaveLength(1);
    // the last PATCH or POST that landed is what remains
    const writes = github().requests.filter(r => (r.route === 'createComment' || r.route === 'updateComment') && r.status < 300);
    const last = writes[writes.length - 1].body as { body: string };
    expect(github().requests.filter(r => r.route === 'createComment')).toHaveLength(2);
    expect(comments[0].body).toBe(last.body);
    lintResultIn(comments[0].body);
  });
});
