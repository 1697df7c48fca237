import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { exec } from '../../src/exec';
import { measureImage } from '../../src/size/analyze';
import { silentLogger } from '../../src/log';
import { runLocal } from '../../src/localRun';
import { renderComment } from '../../src/report/markdown';
import { formatBytes } from '../../src/size/units';
import { GitRepo } from '../e2e/harness';
import { DEBIAN_BASE, describeDebian } from '../support/debianBase';
import { BASE_DOCKERFILE, CURL_LINE, HELLO_C, prDockerfile } from './fixture';

jest.setTimeout(600_000);

/** `package installed-bytes` of every package dpkg has installed in an image, asked of dpkg itself. */
async function dpkgPackages(image: string): Promise<Map<string, { version: string; bytes: number }>> {
  const r = await exec('docker', ['run', '--rm', '--network', 'none', '--entrypoint', 'dpkg-query', image, '-W', '-f', '${Package} ${Version} ${Installed-Size}\\n']);
  if (r.exitCode !== 0) throw new Error(`dpkg-query in ${image} failed: ${r.stderr}`);
  return new Map(
    r.stdout
      .trim()
      .split('\n')
      .map(l => l.split(' '))
      .map(([name, version, kib]) => [name, { version, bytes: Number(kib) * 1024 }])
  );
}

describeDebian('the report explains a PR that adds curl to the runtime stage (realistic fixture, real engine)', () => {
  const repo = new GitRepo('explain');
  let result: Awaited<ReturnType<typeof runLocal>>;

  beforeAll(async () => {
    repo.write({ 'app/Dockerfile': BASE_DOCKERFILE, 'app/src/hello.c': HELLO_C, 'app/.dockerignore': '.git\n' });
    repo.commit('base');
    // the base branch was built before (its CI run): the builder stage is in the engine's cache, as in a PR's run
    for (const target of ['builder', 'runtime']) {
      const warm = await exec('docker', ['buildx', 'build', '--network', 'host', '--target', target, `${repo.dir}/app`], { timeoutMs: 600_000 });
      if (warm.exitCode !== 0) throw new Error(`warming the cache failed: ${warm.stderr.slice(-2000)}`);
    }
    repo.git(['checkout', '-q', '-b', 'add-curl']);
    // a new RUN on every test run (the engine keeps the last run's cache), so it always misses the cache as a PR's new RUN does
    repo.write({ 'app/Dockerfile': prDockerfile(`r${Date.now().toString(36)}`) });
    repo.commit('install curl in the runtime stage');
    result = await runLocal({
      cwd: repo.dir,
      dockerfiles: [],
      failOn: 'error',
      build: true,
      targets: [],
      buildArgs: [],
      // apt-get reaches Debian's mirror; the base image is local
      network: 'host',
      maxParallel: 2,
      baseRef: 'main',
      sizeMetric: 'compressed',
      log: silentLogger
    });
    // STAGEGUARD_WRITE_EXAMPLE=1 keeps this run's report as the fixture the browser test and the README render
    if (process.env.STAGEGUARD_WRITE_EXAMPLE === '1') {
      const json = JSON.stringify(result.report, null, 2).split(repo.dir).join('.');
      mkdirSync(path.join(__dirname, '..', 'fixtures', 'report'), { recursive: true });
      writeFileSync(path.join(__dirname, '..', 'fixtures', 'report', 'realistic-report.json'), `${json}\n`);
    }
  });

  afterAll(() => repo.remove());

  it('names curl and every package it brought, with dpkg\'s installed sizes, against the base branch', async () => {
    const runtime = result.report.sizes.find(s => s.target === 'runtime')!;
    expect(runtime.baseStatus).toBe('compared');
    const pr = await dpkgPackages(runtime.image);
    const base = await dpkgPackages(DEBIAN_BASE);
    const expected = [...pr].filter(([name]) => !base.has(name)).map(([name, p]) => ({ ecosystem: 'deb', name, version: p.version, bytes: p.bytes }));
    expect(expected.map(p => p.name)).toEqual(expect.arrayContaining(['curl', 'libcurl4']));
    expect(runtime.packages!.against).toBe('base-branch');
    expect([...runtime.packages!.added].sort((a, b) => (a.name < b.name ? -1 : 1))).toEqual(expected.sort((a, b) => (a.name < b.name ? -1 : 1)));
    expect(runtime.packages!.removed).toEqual([]);
    const comment = renderComment(result.report);
    const curl = pr.get('curl')!;
    expect(comment).toContain(`+${formatBytes(curl.bytes)} curl ${curl.version}`);
    const libcurl = pr.get('libcurl4')!;
    expect(comment).toContain(`+${formatBytes(libcurl.bytes)} libcurl4 ${libcurl.version}`);
  });

  it('shows the cache miss at that RUN, with its cause', () => {
    const runtime = result.report.builds.find(b => b.target === 'runtime')!;
    expect(runtime.cacheMiss).toMatchObject({ line: CURL_LINE, stage: 'runtime', cause: 'instruction-changed' });
    const builder = result.report.builds.find(b => b.target === 'builder')!;
    expect(builder.cacheMiss).toBeUndefined();
    // the instruction is cut at 60 characters in the cell
    expect(renderComment(result.report)).toContain(`missed at L${CURL_LINE} \`RUN apt-get update && apt-get install -y --no-install-recomm…\`: this instruction is new or changed in this pull request`);
  });

  it('does not blame the user for the base image\'s apt lists', () => {
    const findings = result.report.imageFindings.map(f => f.finding);
    const own = findings.filter(f => f.fromBaseImage === undefined);
    const fromBase = findings.filter(f => f.fromBaseImage !== undefined);
    expect(own.filter(f => /apt\/lists|base image/.test(f.message))).toEqual([]);
    expect(fromBase.map(f => [f.rule, f.line, f.fromBaseImage])).toEqual([['image-wasted-space', 0, DEBIAN_BASE]]);
    expect(result.report.gates.filter(g => /image-/.test(g.message))).toEqual([]);
    const comment = renderComment(result.report);
    expect(comment).toContain(`From the base image <code>${DEBIAN_BASE}</code>: 1 finding (not the Dockerfile's)`);
  });

  it('says the base branch\'s image carries the apt lists of its base image, on no line of the Dockerfile', async () => {
    // the base branch's runtime image (no curl) is the base image plus one COPY: its apt lists are the base's
    const runtime = result.report.sizes.find(s => s.target === 'runtime')!;
    const baseTag = `${runtime.image}-explain-base`;
    const built = await exec('docker', ['buildx', 'build', '--network', 'host', '--load', '-t', baseTag, '--target', 'runtime', '-f', '-', `${repo.dir}/app`], { input: BASE_DOCKERFILE });
    if (built.exitCode !== 0) throw new Error(built.stderr);
    try {
      const size = await measureImage(baseTag, { model: parseDockerfile('app/Dockerfile', BASE_DOCKERFILE), dockerfile: 'app/Dockerfile', target: 'runtime' });
      const lists = size.findings.find(f => f.rule === 'image-package-cache')!;
      expect(lists).toMatchObject({ line: 0, fromBaseImage: DEBIAN_BASE });
      expect(lists.message).toMatch(/^From the base image `localhost:5000\/debian-minbase:bookworm`: The package-manager cache \/var\/lib\/apt\/lists was left in the image/);
    } finally {
      await exec('docker', ['image', 'rm', '-f', baseTag]);
    }
  });
});
