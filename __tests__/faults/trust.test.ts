/**
 * What a pull request may not take over, through the bundled action (`node dist/index.js`) and the local GitHub API:
 * the sticky comment (a user comment that starts with the marker), the changed-only selection (changes past the files
 * API's 3000), the workflow's gates (its own config), the SARIF file and annotations (past what code scanning and
 * the runner take, or through a symlink out of the workspace), the run itself (invalid inputs), and the reproduce
 * command (a path that reads as a flag). Lint only: no engine needed (the size floor is in engine.itg.test.ts).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ACTIONS_BOT } from '../support/fakeGithub';
import { useFakeGithub } from '../support/useFakeGithub';
import { ROOT } from '../e2e/harness';
import { LINT_ONLY, NODE, plain, prRepo, requireBundle, REPO, runPr } from './support';

jest.setTimeout(180_000);

const BASE = 'FROM localhost:5000/busybox:1\n';
// apt-get without -y and unpinned: warnings and infos, no error
const WARNS = 'FROM localhost:5000/busybox:1\nRUN apt-get install curl\nUSER app\nHEALTHCHECK NONE\nCMD ["sh"]\n';
// more than 10 warnings and notices
const MANY = Array.from({ length: 12 }, (_, i) => `RUN apt-get install pkg${i}`).join('\n');
// an unknown instruction: an error
const BROKEN = 'FROM localhost:5000/busybox:1\nFORM x\n';

type LintJson = { lint: { files: { path: string }[] }; verdict: { failed: boolean; reasons: string[] }; warnings: string[] };

describe('a pull request cannot take over the comment, hide past the files API, lower the gates or break the publishing', () => {
  const github = useFakeGithub(requireBundle);

  it('never adopts a user comment that starts with the marker: the bot posts its own and updates that one', async () => {
    const { repo, baseSha, headSha } = prRepo('capture', { 'app/Dockerfile': BASE }, { 'app/Dockerfile': WARNS });
    try {
      github().reset();
      const forged = github().addComment(REPO, 701, '<!-- stageguard -->\n### ✅ stageguard: passed\n\nforged before the first run', { login: 'mallory', id: 666, type: 'User' });
      const first = await runPr({ github: github(), repo, number: 701, baseSha, headSha, inputs: LINT_ONLY });
      const second = await runPr({ github: github(), repo, number: 701, baseSha, headSha, inputs: LINT_ONLY });
      expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
      const comments = github().commentsOf(REPO, 701);
      expect(comments.map(c => c.user.login)).toEqual(['mallory', ACTIONS_BOT.login]);
      expect(comments[0].body).toBe(forged.body);
      expect(comments[1].body).toMatch(/app\/Dockerfile/);
      const writes = github().requests.filter(r => r.route === 'createComment' || r.route === 'updateComment' || r.route === 'deleteComment');
      expect(writes.map(r => `${r.route} ${r.path.endsWith(`/${forged.id}`) ? 'forged' : 'own'}`)).toEqual(['createComment own', 'updateComment own']);
      // the installation token asked who it is once per run, and GitHub could not say (a Bot)
      expect(github().requests.filter(r => r.route === 'getUser').map(r => r.status)).toEqual([403, 403]);
    } finally {
      repo.remove();
    }
  });

  it('reads the changes with git diff when the files API stops at 3000, and lints the Dockerfile past them', async () => {
    const padding: Record<string, string> = {};
    for (let i = 0; i < 3001; i++) padding[`pad/f${String(i).padStart(4, '0')}.txt`] = `${i}\n`;
    const { repo, baseSha, headSha } = prRepo('cap3000', { 'zz/Dockerfile': BASE, 'aa/Dockerfile': BASE }, { ...padding, 'zz/Dockerfile': BROKEN });
    try {
      github().reset();
      const files = [...Object.keys(padding), 'zz/Dockerfile'].sort();
      github().setFiles(REPO, 702, files.map(filename => ({ filename, status: filename.startsWith('pad/') ? 'added' : 'modified' })));
      const run = await runPr({ github: github(), repo, number: 702, baseSha, headSha, changedFiles: files.length, inputs: { ...LINT_ONLY, 'changed-only': 'true' } });
      expect(run.stdout).toContain('Changed files: the pulls files API listed 3000 files and the pull request changes 3002 (it lists at most 3000); reading them with git diff against the base commit.');
      expect((run.report as LintJson).lint.files.map(f => f.path)).toEqual(['zz/Dockerfile']);
      expect(plain(github().commentsOf(REPO, 702)[0].body)).toMatch(/failed[\s\S]*zz\/Dockerfile/);
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it("keeps the workflow's fail-on when the PR's config sets none, and says in the comment that the PR changes the config", async () => {
    const { repo, baseSha, headSha } = prRepo(
      'config',
      { 'app/Dockerfile': BASE },
      { 'app/Dockerfile': BROKEN, '.stageguard.yml': 'fail-on: none\n', '.hadolint.yaml': 'ignored: [DL3027]\n' }
    );
    try {
      github().reset();
      github().setFiles(REPO, 703, [{ filename: '.hadolint.yaml', status: 'added' }, { filename: '.stageguard.yml', status: 'added' }, { filename: 'app/Dockerfile' }]);
      const run = await runPr({ github: github(), repo, number: 703, baseSha, headSha, inputs: { ...LINT_ONLY, 'changed-only': 'true' } });
      const body = github().commentsOf(REPO, 703)[0].body;
      for (const text of [body, run.summary]) {
        expect(text).toContain(
          "> [!IMPORTANT]\n> **This pull request changes `.hadolint.yaml` and `.stageguard.yml`**: its ignored rules, severities and budgets shaped this report. The workflow's `fail-on` and size budgets still hold: a config can tighten them, never loosen them."
        );
      }
      // the config may raise the bar: the workflow's `fail-on: none` does not lower the PR config's `warning`
      const strict = prRepo('strict', { 'app/Dockerfile': BASE }, { 'app/Dockerfile': WARNS, '.stageguard.yml': 'fail-on: warning\n' });
      try {
        const run2 = await runPr({ github: github(), repo: strict.repo, number: 704, baseSha: strict.baseSha, headSha: strict.headSha, inputs: { ...LINT_ONLY, 'fail-on': 'none' } });
        expect((run2.report as LintJson).verdict).toMatchObject({ failed: true, reasons: [expect.stringMatching(/findings at or above warning/)] });
        expect(run2.exitCode).toBe(1);
      } finally {
        strict.repo.remove();
      }
      // the PR's `fail-on: none` does not switch off the workflow's `fail-on: error`
      expect((run.report as LintJson).verdict).toMatchObject({ failed: true, reasons: [expect.stringMatching(/findings at or above error/)] });
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('caps SARIF at 25,000 results and annotations at 10 per level, and says so in the report and the log', async () => {
    // each line: one error (an unknown instruction), and the Dockerfile's warnings; 26,000 errors in all
    const lines = Array.from({ length: 26_000 }, (_, i) => `FORM x${i}`);
    const { repo, baseSha, headSha } = prRepo('caps', { 'big/Dockerfile': BASE }, { 'big/Dockerfile': `${WARNS}${MANY}\n${lines.join('\n')}\n` });
    try {
      github().reset();
      const run = await runPr({ github: github(), repo, number: 705, baseSha, headSha, inputs: { ...LINT_ONLY, 'sarif-file': 'out/stageguard.sarif' } });
      const sarif = JSON.parse(fs.readFileSync(path.join(repo.dir, 'out', 'stageguard.sarif'), 'utf8')) as {
        runs: { results: { level: string }[]; invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[];
      };
      expect(sarif.runs[0].results).toHaveLength(25_000);
      expect(sarif.runs[0].results.every(r => r.level === 'error')).toBe(true);
      expect(sarif.runs[0].invocations[0].toolExecutionNotifications[0].message.text).toMatch(/the 25,000 most severe of 26,\d{3} findings/);
      const note = /The SARIF file holds the 25,000 most severe of 26,\d{3} findings: code scanning accepts at most 25,000 results per run/;
      expect(plain(run.summary)).toMatch(note);
      expect((run.report as LintJson).warnings.join('\n')).toMatch(note);
      const annotations = run.stdout.split('\n').filter(l => /^::(error|warning|notice) [^:]*\bfile=/.test(l));
      const perLevel = (level: string): number => annotations.filter(l => l.startsWith(`::${level} `)).length;
      // the Dockerfile has more than 10 findings of each level; the runner would show 10 of each
      expect([perLevel('error'), perLevel('warning'), perLevel('notice')]).toEqual([10, 10, 10]);
      expect(run.stdout).toMatch(/\n\d+ more findings are not shown as annotations \(GitHub shows 10 of each level per step\): every finding is in the job summary and the JSON report\./);
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('never writes the SARIF file outside the workspace or through a symlink the PR committed', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-outside-'));
    const victim = path.join(outside, 'bashrc');
    fs.writeFileSync(victim, 'export SAFE=1\n');
    const { repo, baseSha, headSha } = prRepo('sarif', { 'app/Dockerfile': BASE }, { 'app/Dockerfile': WARNS });
    try {
      fs.symlinkSync(victim, path.join(repo.dir, 'results.sarif'));
      fs.symlinkSync(path.join(outside, 'planted.sarif'), path.join(repo.dir, 'dangling.sarif'));
      for (const [number, target] of [
        [706, 'results.sarif'],
        [707, 'dangling.sarif'],
        [708, path.relative(repo.dir, path.join(outside, 'climb.sarif'))]
      ] as const) {
        github().reset();
        const run = await runPr({ github: github(), repo, number, baseSha, headSha, inputs: { ...LINT_ONLY, 'sarif-file': target } });
        expect(run.stdout).toMatch(new RegExp(`::warning::Could not write the SARIF file ${target.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*(outside the workspace|is a symlink)`));
        expect(github().commentsOf(REPO, number)).toHaveLength(1);
        expect(run.exitCode).toBe(0);
      }
      expect(fs.readFileSync(victim, 'utf8')).toBe('export SAFE=1\n');
      expect(fs.readdirSync(outside)).toEqual(['bashrc']);
    } finally {
      repo.remove();
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('publishes a failed report naming each invalid input, with the lint results, instead of crashing', async () => {
    const { repo, baseSha, headSha } = prRepo('inputs', { 'app/Dockerfile': BASE }, { 'app/Dockerfile': WARNS });
    try {
      github().reset();
      const run = await runPr({ github: github(), repo, number: 709, baseSha, headSha, inputs: { ...LINT_ONLY, 'fail-on': 'loud', 'max-parallel': 'abc', build: 'true' } });
      expect(run.exitCode).toBe(1);
      expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
      expect(run.stdout).toContain('::error::Input "fail-on" must be one of error, warning, info, style, none; got "loud".');
      const body = plain(github().commentsOf(REPO, 709)[0].body);
      for (const text of [body, plain(run.summary)]) {
        expect(text).toMatch(/stageguard: failed — Input "fail-on" must be one of error, warning, info, style, none; got "loud"/);
        expect(text).toMatch(/Input "max-parallel" must be a whole number of at least 1; got "abc"/);
        expect(text).toMatch(/app\/Dockerfile[\s\S]*apt-get/);
        expect(text).toMatch(/Build and size were skipped: the workflow's inputs are invalid/);
      }
      expect(run.stdout).toMatch(/::error::stageguard: Input "fail-on"/);
    } finally {
      repo.remove();
    }
  });

  it('lints a command, a stage and a package named constructor or __proto__ and publishes (the process once died out of memory)', async () => {
    const evil = 'FROM localhost:5000/busybox:1 AS constructor\nRUN constructor x && sudo __proto__ y && apt-get install -y toString\nFROM constructor\nUSER 1000\nCMD ["sh"]\n';
    const { repo, baseSha, headSha } = prRepo('proto', { 'app/Dockerfile': BASE }, { 'app/Dockerfile': evil });
    try {
      github().reset();
      const started = Date.now();
      const run = await runPr({ github: github(), repo, number: 711, baseSha, headSha, inputs: LINT_ONLY });
      expect(Date.now() - started).toBeLessThan(60_000);
      expect(run.stderr).not.toMatch(/Fatal|heap|internal error/i);
      const body = plain(github().commentsOf(REPO, 711)[0].body);
      expect(body).toMatch(/app\/Dockerfile/);
      expect(body).toMatch(/apt-pin-versions|pin versions/);
      expect(body).not.toMatch(/internal error/);
      // the gates decide the exit: sudo in RUN is an error finding (DL3004)
      expect(body).toMatch(/no-sudo/);
      expect((run.report as LintJson).verdict.reasons).toEqual([expect.stringMatching(/^\d+ findings at or above error$/)]);
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('puts -- before the paths of the reproduce command, so a folder named like a flag stays a path', async () => {
    const { repo, baseSha, headSha } = prRepo('flags', { '--config=x/Dockerfile': BASE }, { '--config=x/Dockerfile': WARNS });
    try {
      github().reset();
      const run = await runPr({ github: github(), repo, number: 710, baseSha, headSha, inputs: LINT_ONLY });
      expect(run.exitCode).toBe(0);
      const line = github().commentsOf(REPO, 710)[0].body.split('\n').find(l => l.startsWith('npx stageguard lint '));
      expect(line).toMatch(/^npx stageguard lint -- '?--config=x\/Dockerfile'?$/);
      // the command as a user pastes it: the CLI lints that file (exit 0: warnings only), it reads no config flag
      const out = execFileSync(NODE.bin, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '--shellcheck', 'off', '--', '--config=x/Dockerfile'], { cwd: repo.dir, encoding: 'utf8' });
      expect(out).toMatch(/--config=x\/Dockerfile:2/);
      expect(out).toMatch(/apt-get/);
    } finally {
      repo.remove();
    }
  });
});
