/**
 * A pull request that reaches for the runner's files (issue points 1 and 2), through the bundled action: Dockerfiles,
 * a .dockerignore and the config files symlinked out of the workspace or to /dev/zero, a folder symlinked to /, and
 * a FIFO. Each is refused by name; nothing from outside the workspace is published; the run publishes and ends.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { useFakeGithub } from '../support/useFakeGithub';
import { everythingPublished, LINT_ONLY, plain, prRepo, requireBundle, REPO, runPr } from './support';

jest.setTimeout(120_000);

const GOOD = 'FROM localhost:5000/busybox:1\nRUN apt-get install curl\nUSER app\nHEALTHCHECK NONE\nCMD ["sh"]\n';
const SECRET_WORD = 'npm_tokenOutsideTheWorkspace0123456789';

describe('a pull request cannot make the action read outside the workspace or without a bound', () => {
  const github = useFakeGithub(requireBundle);
  let runnerHome: string;
  beforeAll(() => {
    // the runner's own files, next to (not inside) the checkout
    runnerHome = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-runner-home-'));
    fs.writeFileSync(path.join(runnerHome, '.npmrc'), `${SECRET_WORD} //registry.npmjs.org/:_authToken=x\n`);
  });
  afterAll(() => fs.rmSync(runnerHome, { recursive: true, force: true }));

  it('refuses a Dockerfile symlinked out of the workspace by name, never quotes it, and does not walk a folder symlinked to /', async () => {
    const { repo, baseSha, headSha } = prRepo('escape', { 'ok/Dockerfile': 'FROM localhost:5000/busybox:1\n' }, { 'ok/Dockerfile': GOOD });
    try {
      fs.mkdirSync(path.join(repo.dir, 'app'));
      fs.symlinkSync(path.join(runnerHome, '.npmrc'), path.join(repo.dir, 'app', 'Dockerfile'));
      fs.symlinkSync('/', path.join(repo.dir, 'rootlink'));
      const started = Date.now();
      const run = await runPr({
        github: github(),
        repo,
        number: 601,
        baseSha,
        headSha,
        inputs: { ...LINT_ONLY, dockerfiles: 'app/Dockerfile\nrootlink\nrootlink/**/Dockerfile\nok/Dockerfile' }
      });
      expect(Date.now() - started).toBeLessThan(60_000);
      const body = github().commentsOf(REPO, 601)[0]?.body ?? '';
      for (const text of [plain(body), plain(run.summary)]) {
        expect(text).toMatch(/app\/Dockerfile[\s\S]*symlink to a file outside the workspace/);
        expect(text).toMatch(/ok\/Dockerfile[\s\S]*apt-get/);
      }
      expect(run.stdout).toMatch(/::warning::"rootlink" is a symlink to a folder outside the workspace; it was not searched/);
      expect(run.stdout).toMatch(/::warning::"rootlink\/\*\*\/Dockerfile" starts outside the workspace/);
      expect(everythingPublished(run, github())).not.toContain(SECRET_WORD);
      expect((run.report as { lint: { files: { path: string }[] } }).lint.files.map(f => f.path)).toEqual(['app/Dockerfile', 'ok/Dockerfile']);
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('names a .dockerignore, a .stageguard.yml and a .hadolint.yaml symlinked to /dev/zero, and a FIFO Dockerfile, and still publishes', async () => {
    const { repo, baseSha, headSha } = prRepo('zero', { 'ok/Dockerfile': 'FROM localhost:5000/busybox:1\n' }, { 'ok/Dockerfile': GOOD, 'svc/Dockerfile': `${GOOD}COPY . /app\n` });
    try {
      fs.symlinkSync('/dev/zero', path.join(repo.dir, 'svc', '.dockerignore'));
      fs.symlinkSync('/dev/zero', path.join(repo.dir, '.stageguard.yml'));
      fs.symlinkSync('/dev/zero', path.join(repo.dir, '.hadolint.yaml'));
      fs.mkdirSync(path.join(repo.dir, 'fifo'));
      execFileSync('mkfifo', [path.join(repo.dir, 'fifo', 'Dockerfile')]);
      const started = Date.now();
      const run = await runPr({ github: github(), repo, number: 602, baseSha, headSha, inputs: { ...LINT_ONLY, dockerfiles: 'ok/Dockerfile\nsvc/Dockerfile\nfifo/Dockerfile' } });
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(run.stderr).not.toMatch(/bad_alloc|heap out of memory/);
      const body = github().commentsOf(REPO, 602)[0]?.body ?? '';
      for (const text of [plain(body), plain(run.summary)]) {
        // the first config refused is named as the config error; lint goes on with the defaults
        expect(text).toMatch(/\.hadolint\.yaml: \(file\): is a symlink to a file outside the workspace/);
        expect(text).toMatch(/svc\/\.dockerignore is a symlink to a file outside the workspace/);
        expect(text).toMatch(/fifo\/Dockerfile is a FIFO, not a regular file/);
        expect(text).toMatch(/ok\/Dockerfile[\s\S]*apt-get/);
      }
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });
});
