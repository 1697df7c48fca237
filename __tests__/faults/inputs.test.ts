/**
 * Faults in what the PR brings, through the bundled action (lint only, so no engine is needed): unreadable
 * Dockerfiles, a symlink loop, a config with a wrong type, a report too big for one comment, and untrusted markup.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GITHUB_COMMENT_LIMIT, renderComment } from '../../src/report/markdown';
import type { Report } from '../../src/report/types';
import { useFakeGithub } from '../support/useFakeGithub';
import { everythingPublished, plain, LINT_ONLY, outsideCode, prRepo, requireBundle, REPO, runPr, warnings } from './support';

jest.setTimeout(120_000);

const GOOD = 'FROM localhost:5000/busybox:1\nRUN apt-get install curl\nUSER app\nHEALTHCHECK NONE\nCMD ["sh"]\n';

describe('faults in the files a pull request brings (the bundled action, lint only)', () => {
  const github = useFakeGithub(requireBundle);

  it('names a 5 MB Dockerfile, a binary one and an invalid UTF-8 one, survives a symlink loop, and still lints the others', async () => {
    const big = `FROM localhost:5000/busybox:1\n${'# filler line of a huge Dockerfile\n'.repeat(Math.ceil((5 * 1024 * 1024) / 35) + 100)}`;
    const { repo, baseSha, headSha } = prRepo(
      'files',
      { 'ok/Dockerfile': 'FROM localhost:5000/busybox:1\n' },
      {
        'ok/Dockerfile': GOOD,
        'huge/Dockerfile': big,
        'bin/Dockerfile': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x00]),
        'latin1/Dockerfile': Buffer.concat([Buffer.from('FROM localhost:5000/busybox:1\nLABEL author="Jos'), Buffer.from([0xe9]), Buffer.from('"\n')])
      }
    );
    try {
      // a symlink loop below the globbed tree (loop/self -> loop): the walk must end
      fs.mkdirSync(path.join(repo.dir, 'loop'));
      fs.symlinkSync('.', path.join(repo.dir, 'loop', 'self'));
      fs.symlinkSync(path.join(repo.dir, 'loop', 'self'), path.join(repo.dir, 'loop', 'again'));
      const started = Date.now();
      const run = await runPr({ github: github(), repo, number: 501, baseSha, headSha, inputs: { ...LINT_ONLY, dockerfiles: '**/Dockerfile' } });
      expect(Date.now() - started).toBeLessThan(60_000);
      const body = github().commentsOf(REPO, 501)[0]?.body ?? '';
      for (const text of [plain(body), plain(run.summary)]) {
        expect(text).toMatch(/huge\/Dockerfile[\s\S]*larger than 5242880 bytes/);
        expect(text).toMatch(/bin\/Dockerfile[\s\S]*binary/);
        expect(text).toMatch(/latin1\/Dockerfile[\s\S]*UTF-8/);
        // the good Dockerfile is linted as usual
        expect(text).toMatch(/ok\/Dockerfile[\s\S]*apt-get/);
      }
      const report = run.report as { lint: { files: { path: string }[] } };
      expect(report.lint.files.map(f => f.path).sort()).toEqual(['bin/Dockerfile', 'huge/Dockerfile', 'latin1/Dockerfile', 'ok/Dockerfile']);
      // parse errors are errors: fail-on error decides
      expect(run.exitCode).toBe(1);
      expect(run.stdout).toMatch(/::error::stageguard:/);
    } finally {
      repo.remove();
    }
  });

  it('names the config file and the key of a wrong type, and still lints every Dockerfile', async () => {
    const { repo, baseSha, headSha } = prRepo('config', { 'a/Dockerfile': 'FROM localhost:5000/busybox:1\n' }, { 'a/Dockerfile': GOOD, 'b/Dockerfile': GOOD, '.stageguard.yml': 'ignored:\n  rule: apt-get-yes\n' });
    try {
      const run = await runPr({ github: github(), repo, number: 502, baseSha, headSha, inputs: LINT_ONLY });
      const cause = /\.stageguard\.yml: ignored: expected a list of strings/;
      expect(run.stdout).toMatch(cause);
      const body = github().commentsOf(REPO, 502)[0]?.body ?? '';
      for (const text of [plain(body), plain(run.summary)]) {
        expect(text).toMatch(cause);
        expect(text).toMatch(/a\/Dockerfile/);
        expect(text).toMatch(/b\/Dockerfile/);
      }
      expect((run.report as { lint: { summary: { files: number } } }).lint.summary.files).toBe(2);
      // a config that cannot be read fails the run, after everything was published
      expect(run.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('truncates a comment that would exceed 65,536 characters and keeps the job summary complete', async () => {
    const head: Record<string, string> = {};
    // 80 Dockerfiles with many findings each
    const noisy = (i: number): string =>
      [
        'FROM ubuntu:latest',
        'MAINTAINER someone',
        ...Array.from({ length: 3 }, (_, k) => `RUN apt-get install pkg${i}x${k} && cd /opt && sudo make && pip install flask`),
        'ADD http://example.com/a.tar.gz /a',
        'CMD echo hi'
      ].join('\n') + '\n';
    for (let i = 0; i < 80; i++) head[`svc${String(i).padStart(2, '0')}/Dockerfile`] = noisy(i);
    const { repo, baseSha, headSha } = prRepo('huge-report', {}, head);
    try {
      const run = await runPr({ github: github(), repo, number: 503, baseSha, headSha, inputs: { ...LINT_ONLY, 'fail-on': 'none' } });
      expect(run.exitCode).toBe(0);
      const comments = github().commentsOf(REPO, 503);
      expect(comments).toHaveLength(1);
      const body = comments[0].body;
      expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
      expect(body).toMatch(/job summary/i);
      const report = run.report as { lint: { summary: { violations: number } } };
      expect(report.lint.summary.violations).toBeGreaterThan(80 * 10);
      // the untruncated comment would not have fit
      expect(renderComment(run.report as unknown as Report, { maxChars: Number.MAX_SAFE_INTEGER }).length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
      // the summary is complete (nothing shortened), with one table row per violation
      expect(run.summary).not.toMatch(/shortened to fit/);
      expect((run.summary.match(/^\| (❌|⚠️|ℹ️|🎨) /gm) ?? []).length).toBe(report.lint.summary.violations);
      // the summary is complete: every Dockerfile and every line with a finding
      for (let i = 0; i < 80; i++) expect(run.summary).toContain(`svc${String(i).padStart(2, '0')}/Dockerfile`);
      expect(run.summary).toContain('pkg79x2');
      expect(warnings(run).join('\n')).not.toMatch(/could not .* comment/);
    } finally {
      repo.remove();
    }
  });

  it('renders markdown, HTML, @mentions and ANSI escapes in Dockerfile text inert in the comment and the summary', async () => {
    const nasty = '<img src=x onerror=alert(1)> [click](http://evil.example/x) ![p](http://evil.example/p.png) @someone \x1b[31mRED\x1b[0m \x1b]8;;http://evil.example\x07link\x1b]8;;\x07 **bold** <details>';
    const { repo, baseSha, headSha } = prRepo(
      'markup',
      {},
      {
        'evil/Dockerfile': `FROM localhost:5000/busybox:1\nRUN cd /tmp && echo '${nasty}'\nLABEL x="${nasty}"\n`,
        [`odd/<b>@someone</b>\x1b[1m/Dockerfile`]: 'FROM localhost:5000/busybox:1\nRUN cd /srv\n'
      }
    );
    try {
      const run = await runPr({ github: github(), repo, number: 504, baseSha, headSha, inputs: { ...LINT_ONLY, 'fail-on': 'none' } });
      expect(run.exitCode).toBe(0);
      const body = github().commentsOf(REPO, 504)[0]?.body ?? '';
      expect(body).toMatch(/evil\/Dockerfile/);
      expect(body).toMatch(/someone/);
      for (const text of [body, run.summary]) {
        const live = outsideCode(text);
        expect(live).not.toMatch(/<img|<b>|<details>\s*$/im);
        expect(live).not.toMatch(/\]\(http:\/\/evil/);
        expect(live).not.toMatch(/(^|[^\w`])@someone/);
        expect(text).not.toContain('\x1b');
        expect(text).not.toContain('\x07');
      }
      expect(everythingPublished(run, github())).not.toContain('\x1b[31m');
    } finally {
      repo.remove();
    }
  });
});
