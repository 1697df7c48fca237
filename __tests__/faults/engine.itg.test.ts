/**
 * Faults on the real engine and registry, through the bundled action: the engine absent or gone mid-build, the
 * registry gone mid-run (a TCP proxy closed under the run), a failing RUN, a base commit that does not build, build
 * output carrying markup, ANSI and a token, a PR aiming at the base branch's cache, and a 50-Dockerfile PR.
 * NEVER stops the real engine or registry: faults are proxies in front of them, closed by the test.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_IMAGE, describeEngine } from '../support/engine';
import { useFakeGithub } from '../support/useFakeGithub';
import { everythingPublished, outsideCode, plain, prRepo, requireBundle, REPO, runPr, TOKEN, warnings } from './support';

jest.setTimeout(240_000);

const BUILD: Record<string, string> = {
  'github-token': TOKEN,
  build: 'true',
  compare: 'false',
  'changed-only': 'false',
  'fail-on': 'error',
  comment: 'always',
  network: 'none',
  'max-parallel': '2'
};

const clean = (name: string): string => `FROM ${BASE_IMAGE} AS ${name}\nCOPY f.txt /f.txt\nUSER app\nHEALTHCHECK NONE\nCMD ["cat", "/f.txt"]\n`;

/** A proxy on 127.0.0.1 (port 0) or a unix socket, forwarding to `target`; `close()` cuts every connection. */
async function proxy(listen: { port: 0 } | { path: string }, target: net.NetConnectOpts): Promise<{ address: string; close: () => void; connections: () => number }> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer(client => {
    count++;
    const upstream = net.connect(target);
    sockets.add(client).add(upstream);
    client.pipe(upstream).pipe(client);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>(resolve => server.listen('path' in listen ? listen.path : { port: 0, host: '127.0.0.1' }, resolve));
  const a = server.address();
  return {
    address: typeof a === 'string' ? a : `127.0.0.1:${(a as net.AddressInfo).port}`,
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
    connections: () => count
  };
}

/** The tags of `repository` on the local registry; none when the repository does not exist (a 404). */
async function registryTags(repository: string): Promise<string[]> {
  const r = await fetch(`http://127.0.0.1:5000/v2/${repository}/tags/list`);
  if (r.status === 404) return [];
  // any other failure must fail the test: an unreadable registry would make "the tags are unchanged" hold vacuously
  if (!r.ok) throw new Error(`GET /v2/${repository}/tags/list: ${r.status}`);
  return ((await r.json()) as { tags: string[] | null }).tags?.sort() ?? [];
}

describeEngine('faults on the real engine and registry (the bundled action)', () => {
  const github = useFakeGithub(requireBundle);

  it('reports an absent engine clearly, still publishes the lint results and exits by the gates', async () => {
    const { repo, baseSha, headSha } = prRepo('noengine', { 'fe-noengine/Dockerfile': clean('final') }, { 'fe-noengine/Dockerfile': `${clean('final')}\n`, 'fe-noengine/f.txt': 'x\n' });
    try {
      const run = await runPr({ github: github(), repo, number: 601, baseSha, headSha, inputs: BUILD, env: { DOCKER_HOST: 'unix:///nonexistent.sock' } });
      expect(run.exitCode).toBe(0);
      const body = plain(github().commentsOf(REPO, 601)[0]?.body ?? '');
      for (const text of [body, plain(run.summary)]) {
        expect(text).toMatch(/Build and size were skipped: no Docker engine answers/);
        expect(text).toMatch(/fe-noengine\/Dockerfile/);
        // the lint result (a single-stage Dockerfile gets one warning)
        expect(text).toMatch(/fe-noengine\/Dockerfile: 1 warning/);
      }
    } finally {
      repo.remove();
    }
  });

  it('fails one stage whose RUN fails, shows build output inert and masked, builds the rest, and gives "no baseline" when the base commit fails', async () => {
    const evil = `printf '\\033[31m<img src=x onerror=alert(1)> [x](http://evil.example) @someone token=%s\\033[0m\\n' "$TOKEN"`;
    const pr = `${clean('final')}\nFROM ${BASE_IMAGE} AS broken\nARG TOKEN\nRUN ${evil} && exit 3\n`;
    // at the base commit, the final stage does not build
    const base = `FROM ${BASE_IMAGE} AS final\nRUN exit 7\n\nFROM ${BASE_IMAGE} AS broken\nRUN true\n`;
    const { repo, baseSha, headSha } = prRepo('runfail', { 'fe-runfail/Dockerfile': base, 'fe-runfail/f.txt': 'x\n' }, { 'fe-runfail/Dockerfile': pr });
    try {
      const run = await runPr({
        github: github(),
        repo,
        number: 602,
        baseSha,
        headSha,
        inputs: { ...BUILD, compare: 'true', targets: 'final,broken', 'build-args': `TOKEN=${TOKEN}` }
      });
      // the broken stage fails the run; the missing baseline does not
      expect(run.exitCode).toBe(1);
      const report = run.report as { builds: { target: string; ok: boolean; error: string | null }[]; sizes: { target: string; baseStatus: string }[]; verdict: { reasons: string[] } };
      expect(report.builds.map(b => [b.target, b.ok])).toEqual([['final', true], ['broken', false]]);
      expect(report.builds[1].error).toMatch(/exit code: 3|exit 3|did not complete successfully/);
      expect(report.sizes.find(s => s.target === 'final')?.baseStatus).toBe('no-baseline');
      expect(report.verdict.reasons.join(' ')).toMatch(/1 of 2 builds failed/);
      expect(report.verdict.reasons.join(' ')).not.toMatch(/baseline/i);
      const body = github().commentsOf(REPO, 602)[0]?.body ?? '';
      expect(plain(body)).toMatch(/no baseline/i);
      expect(body).toContain('broken');
      for (const text of [body, run.summary]) {
        const live = outsideCode(text);
        expect(live).not.toMatch(/<img/i);
        expect(live).not.toMatch(/\]\(http:\/\/evil/);
        expect(live).not.toMatch(/(^|[^\w`])@someone/);
        expect(text).not.toContain('\x1b');
      }
      // the build echoed the token: masked in the comment, summary, JSON, outputs, stdout and stderr
      expect(JSON.stringify(report)).toMatch(/token=\*\*\*/);
      expect(everythingPublished(run, github())).not.toContain(TOKEN);
    } finally {
      repo.remove();
    }
  });

  it('warns and builds cold when the cache registry stops in the middle of the run', async () => {
    const p = await proxy({ port: 0 }, { host: '127.0.0.1', port: 5000 });
    const files: Record<string, string> = {};
    for (const n of ['a', 'b', 'c']) {
      files[`fe-reg-${n}/Dockerfile`] = clean('final');
      files[`fe-reg-${n}/f.txt`] = `${n} ${Date.now()}\n`;
    }
    const { repo, baseSha, headSha } = prRepo('registry', {}, files);
    try {
      let closed = false;
      const run = await runPr({
        github: github(),
        repo,
        number: 603,
        baseSha,
        headSha,
        inputs: { ...BUILD, 'max-parallel': '1', 'cache-repository': `localhost:${p.address.split(':')[1]}/sgtest-faults/cache` },
        onStdout: (_c, all) => {
          if (!closed && /::group::Build /.test(all)) {
            closed = true;
            p.close();
          }
        }
      });
      expect(closed).toBe(true);
      expect(p.connections()).toBeGreaterThan(0);
      expect(run.exitCode).toBe(0);
      const report = run.report as { builds: { dockerfile: string; ok: boolean }[] };
      expect(report.builds.map(b => b.ok)).toEqual([true, true, true]);
      expect(warnings(run).join('\n')).toMatch(/cache registry could not be read|exporting the cache .* failed/);
      const body = plain(github().commentsOf(REPO, 603)[0]?.body ?? '');
      for (const n of ['a', 'b', 'c']) expect(body).toContain(`fe-reg-${n}/Dockerfile`);
      expect(body).toMatch(/cache registry could not be read|exporting the cache .* failed/);
    } finally {
      p.close();
      repo.remove();
    }
  });

  it('fails the stage being built when the engine goes away mid-build, and still reports the others', async () => {
    const sock = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sg-faults-')), 'docker.sock');
    const p = await proxy({ path: sock }, { path: '/var/run/docker.sock' });
    const df = `${clean('fast')}\nFROM ${BASE_IMAGE} AS slow\nRUN sleep 20 && echo done > /done\n`;
    const { repo, baseSha, headSha } = prRepo('enginestop', {}, { 'fe-stop/Dockerfile': df, 'fe-stop/f.txt': `${Date.now()}\n` });
    try {
      let closed = false;
      const run = await runPr({
        github: github(),
        repo,
        number: 604,
        baseSha,
        headSha,
        inputs: { ...BUILD, 'max-parallel': '1', targets: 'fast,slow' },
        env: { DOCKER_HOST: `unix://${sock}` },
        onStdout: (_c, all) => {
          if (!closed && /::group::Build fe-stop\/Dockerfile → fast/.test(all)) {
            closed = true;
            setTimeout(() => p.close(), 3000);
          }
        }
      });
      expect(closed).toBe(true);
      expect(run.exitCode).toBe(1);
      const report = run.report as { builds: { target: string; ok: boolean; error: string | null }[] };
      expect(report.builds.map(b => [b.target, b.ok])).toEqual([['fast', true], ['slow', false]]);
      expect(report.builds[1].error).toMatch(/docker|daemon|connection|EOF|closed|canceled/i);
      const body = plain(github().commentsOf(REPO, 604)[0]?.body ?? '');
      expect(body).toMatch(/fast/);
      expect(body).toMatch(/slow/);
      expect(body).toMatch(/1 of 2 builds failed/);
    } finally {
      p.close();
      repo.remove();
    }
  });

  it('refuses a pull request that would write the base branch cache, and leaves the registry tags unchanged', async () => {
    const repository = `sgtest-faults/refuse-${process.pid}`;
    const { repo, baseSha, headSha } = prRepo('refuse', {}, { 'fe-refuse/Dockerfile': clean('final'), 'fe-refuse/f.txt': 'x\n' }, 'main-pr');
    try {
      const before = await registryTags(repository);
      // the head branch named like the base branch
      const a = await runPr({ github: github(), repo, number: 605, baseSha, headSha, headRef: 'main', baseRef: 'main', inputs: { ...BUILD, 'cache-repository': `localhost:5000/${repository}` } });
      // a cache-repository naming the base ref's tag
      const b = await runPr({ github: github(), repo, number: 606, baseSha, headSha, inputs: { ...BUILD, 'cache-repository': `localhost:5000/${repository}:fe-refuse-dockerfile_final_main` } });
      for (const [run, n] of [[a, 605], [b, 606]] as const) {
        expect(run.exitCode).toBe(0);
        expect(warnings(run).join('\n')).toMatch(/Refusing to write the registry cache/);
        expect(plain(github().commentsOf(REPO, n)[0]?.body ?? '')).toMatch(/Refusing to write the registry cache/);
        expect((run.report as { builds: { ok: boolean; cacheTo: string | null }[] }).builds.map(x => [x.ok, x.cacheTo])).toEqual([[true, null]]);
      }
      expect(await registryTags(repository)).toEqual(before);
    } finally {
      repo.remove();
    }
  });

  it("holds the workflow's max-size as a floor: a PR's own per-image budget of 100TB cannot raise it", async () => {
    const files = { 'fe-floor/Dockerfile': clean('final'), 'fe-floor/f.txt': 'x\n', '.stageguard.yml': 'dockerfiles:\n  fe-floor/Dockerfile:\n    max-size: 100TB\n' };
    const { repo, baseSha, headSha } = prRepo('floor', {}, files);
    try {
      github().setFiles(REPO, 607, Object.keys(files).map(filename => ({ filename, status: 'added' as const })));
      const run = await runPr({ github: github(), repo, number: 607, baseSha, headSha, inputs: { ...BUILD, 'max-size': '1kB' } });
      const body = plain(github().commentsOf(REPO, 607)[0]?.body ?? '');
      expect(body).toMatch(/over its budget of 1\.00 kB \(max-size 1kB; the config's fe-floor\/Dockerfile: 100TB cannot raise the workflow's budget\)/);
      expect(body).toMatch(/This pull request changes `.stageguard.yml`/);
      expect(run.exitCode).toBe(1);
      // a workflow that trusts the config lets the budget stand
      const trusted = await runPr({ github: github(), repo, number: 608, baseSha, headSha, inputs: { ...BUILD, 'max-size': '1kB', 'trust-config': 'true' } });
      expect((trusted.report as { gates: { kind: string }[] }).gates.filter(g => g.kind === 'max-size')).toEqual([]);
      expect(trusted.exitCode).toBe(0);
    } finally {
      repo.remove();
    }
  });

  it('turns a size budget into a note when the PR carries the waiver label, naming who added it', async () => {
    const files = { 'fe-waiver/Dockerfile': clean('final'), 'fe-waiver/f.txt': 'x\n' };
    const { repo, baseSha, headSha } = prRepo('waiver', {}, files);
    try {
      github().labelIssue(REPO, 609, 'stageguard:accept-size', { login: 'alice', id: 77, type: 'User' });
      const run = await runPr({ github: github(), repo, number: 609, baseSha, headSha, labels: ['stageguard:accept-size'], inputs: { ...BUILD, 'max-size': '1kB' } });
      const body = plain(github().commentsOf(REPO, 609)[0]?.body ?? '');
      expect(body).toMatch(/Size budgets waived on purpose\*\* with the label `stageguard:accept-size`, added by @\S*alice/);
      expect(body).toMatch(/max-size\*\* `fe-waiver\/Dockerfile \(final\)`: .*over its budget of 1\.00 kB/);
      expect(run.exitCode).toBe(0);
      // the same PR without the label fails on that budget
      const unlabeled = await runPr({ github: github(), repo, number: 610, baseSha, headSha, inputs: { ...BUILD, 'max-size': '1kB' } });
      expect(unlabeled.exitCode).toBe(1);
    } finally {
      repo.remove();
    }
  });

  it('lints all 50 Dockerfiles of a PR, never runs more builds at once than max-parallel, and posts one comment', async () => {
    // a `docker` shim first on PATH records when each `docker buildx build` starts and ends, then runs the real one
    const real = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-faults-bin-'));
    const log = path.join(bin, 'builds.log');
    fs.writeFileSync(
      path.join(bin, 'docker'),
      `#!/bin/sh\nif [ "$1" = buildx ] && [ "$2" = build ]; then\n  echo "start $(date +%s%N)" >> '${log}'\n  '${real}' "$@"; rc=$?\n  echo "end $(date +%s%N)" >> '${log}'\n  exit $rc\nfi\nexec '${real}' "$@"\n`,
      { mode: 0o755 }
    );
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) {
      const d = `fe-many-${String(i).padStart(2, '0')}`;
      files[`${d}/Dockerfile`] = clean('final');
      files[`${d}/f.txt`] = `${i}\n`;
    }
    const { repo, baseSha, headSha } = prRepo('fifty', {}, files);
    try {
      const run = await runPr({ github: github(), repo, number: 607, baseSha, headSha, inputs: BUILD, env: { PATH: `${bin}:${process.env.PATH}` } });
      expect(run.exitCode).toBe(0);
      const report = run.report as { lint: { summary: { files: number } }; builds: { ok: boolean }[] };
      expect(report.lint.summary.files).toBe(50);
      expect(report.builds).toHaveLength(50);
      expect(report.builds.every(b => b.ok)).toBe(true);
      const events = fs
        .readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map(l => l.split(' '))
        .map(([kind, ns]) => ({ kind, at: BigInt(ns) }))
        .sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.kind === 'end' ? -1 : 1));
      let running = 0;
      let most = 0;
      for (const e of events) {
        running += e.kind === 'start' ? 1 : -1;
        most = Math.max(most, running);
      }
      expect(events.filter(e => e.kind === 'start')).toHaveLength(50);
      expect(most).toBe(2);
      expect(github().commentsOf(REPO, 607)).toHaveLength(1);
      expect(github().requests.filter(r => r.route === 'createComment' && r.path.includes('/issues/607/'))).toHaveLength(1);
    } finally {
      fs.rmSync(bin, { recursive: true, force: true });
      repo.remove();
    }
  });
});
