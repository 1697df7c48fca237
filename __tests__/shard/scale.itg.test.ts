import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCommand } from '../../src/cli/run';
import { runLocal } from '../../src/localRun';
import type { Logger } from '../../src/log';
import { defaultLayerCache } from '../../src/size/archive';
import { GitRepo } from '../e2e/harness';
import { BASE_IMAGE, describeEngine } from '../support/engine';

jest.setTimeout(600_000);

const quiet: Logger = { group: (_n, fn) => fn(), info: () => undefined, warning: () => undefined, error: () => undefined, debug: () => undefined };

const twoStage = (name: string): string => `FROM ${BASE_IMAGE} AS builder
RUN mkdir -p /out && echo ${name} > /out/name && seq 1 2000 > /out/numbers
FROM ${BASE_IMAGE}
COPY --from=builder /out /app
CMD ["cat", "/app/name"]
`;


describeEngine('scale within one job, on the real engine', () => {
  describe('the layer-digest memo', () => {
    const repo = new GitRepo('memo');
    let baseRef = '';
    beforeAll(() => {
      execFileSync('docker', ['pull', '-q', BASE_IMAGE], { stdio: 'pipe' });
      repo.write({ 'sgscale-memo-a/Dockerfile': twoStage('a'), 'sgscale-memo-b/Dockerfile': twoStage('b'), 'sgscale-memo-c/Dockerfile': twoStage('c') });
      repo.commit('base');
      baseRef = 'HEAD';
    });
    afterAll(() => repo.remove());
    afterEach(() => {
      delete process.env.STAGEGUARD_LAYER_MEMO;
    });

    /** Every Dockerfile of the monorepo built and measured here and at the base revision. */
    const runMonorepo = () =>
      runLocal({ cwd: repo.dir, dockerfiles: [], failOn: 'none', build: true, targets: [], buildArgs: [], network: 'none', maxParallel: 2, baseRef, sizeMetric: 'compressed', log: quiet });

    it('reads the shared base layer once for 6 images and their 6 base-branch builds', async () => {
      const before = new Map(defaultLayerCache.analysed);
      const hitsBefore = defaultLayerCache.hits;
      const { report } = await runMonorepo();
      expect(report.builds.filter(b => b.ok)).toHaveLength(6);
      expect(report.sizes).toHaveLength(6);
      expect(report.sizes.every(s => s.baseStatus === 'compared')).toBe(true);
      const reads = [...defaultLayerCache.analysed].map(([k, n]) => [k, n - (before.get(k) ?? 0)] as const).filter(([, n]) => n > 0);
      // every layer was decompressed and walked at most once, however many images and baselines share it
      expect(reads.every(([, n]) => n === 1)).toBe(true);
      // the busybox layer sits under all 12 images (6 PR, 6 base): read once, then served from the memo
      expect(reads.length).toBeGreaterThan(0);
      expect(defaultLayerCache.hits - hitsBefore).toBeGreaterThanOrEqual(11);
    });

    it('reads the base layer again for every image with STAGEGUARD_LAYER_MEMO=off (what the memo saves)', async () => {
      process.env.STAGEGUARD_LAYER_MEMO = 'off';
      const before = new Map(defaultLayerCache.analysed);
      const hitsBefore = defaultLayerCache.hits;
      const { report } = await runMonorepo();
      expect(report.sizes).toHaveLength(6);
      const reads = [...defaultLayerCache.analysed].map(([k, n]) => n - (before.get(k) ?? 0));
      // the most shared layer (busybox, under all 6 PR and 6 base images) is read 12 times
      expect(Math.max(...reads)).toBe(12);
      expect(defaultLayerCache.hits - hitsBefore).toBe(0);
    });
  });

  describe('the builder input', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-builder-'));
    const context = `sgtest-scale-ctx-${process.pid}`;
    beforeAll(() => {
      fs.mkdirSync(path.join(dir, 'sgscale-builder'));
      fs.writeFileSync(path.join(dir, 'sgscale-builder', 'Dockerfile'), twoStage('builder'));
      // A docker context is a second, named buildx builder (docker driver) on the same engine: no image pull needed.
      const host = execFileSync('docker', ['context', 'inspect', 'default', '--format', '{{.Endpoints.docker.Host}}'], { encoding: 'utf8' }).trim();
      execFileSync('docker', ['context', 'create', context, '--docker', `host=${host}`], { stdio: 'pipe' });
    });
    afterAll(() => {
      execFileSync('docker', ['context', 'rm', '-f', context], { stdio: 'pipe' });
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const builders = (): string => execFileSync('docker', ['buildx', 'ls'], { encoding: 'utf8' });

    it('passes a named existing builder to buildx as --builder NAME, and creates or removes no builder', async () => {
      const before = builders();
      const out: string[] = [];
      const code = await runCommand(['--builder', context, '--network', 'none', '--format', 'json', '--fail-on', 'none'], { stdout: s => void out.push(s), stderr: () => undefined, cwd: dir });
      const report = JSON.parse(out.join('')) as { builds: { ok: boolean; error: string | null }[]; buildCommands: string[] };
      expect(report.builds).toHaveLength(2);
      expect(report.buildCommands).toHaveLength(2);
      for (const c of report.buildCommands) expect(c).toContain(`--builder ${context}`);
      // buildx 0.13 refuses --builder for the docker driver of another context and says how to switch: the message
      // reaches the report as is (the fix for users: DOCKER_CONTEXT, see the README, Monorepos › Builders)
      for (const b of report.builds) if (!b.ok) expect(b.error).toMatch(new RegExp(`docker --context=${context} buildx`));
      expect(code).toBe(report.builds.every(b => b.ok) ? 0 : 1);
      expect(builders()).toBe(before);
    });

    it('builds on the named builder when its context is selected with DOCKER_CONTEXT', async () => {
      const out: string[] = [];
      process.env.DOCKER_CONTEXT = context;
      try {
        const code = await runCommand(['--builder', context, '--network', 'none', '--format', 'json', '--fail-on', 'none'], { stdout: s => void out.push(s), stderr: () => undefined, cwd: dir });
        const report = JSON.parse(out.join('')) as { builds: { ok: boolean }[]; sizes: unknown[] };
        expect(code).toBe(0);
        expect(report.builds).toHaveLength(2);
        expect(report.builds.every(b => b.ok)).toBe(true);
        expect(report.sizes).toHaveLength(2);
      } finally {
        delete process.env.DOCKER_CONTEXT;
      }
    });

    it('names a builder that does not exist in a clear message, and still publishes the lint results', async () => {
      const before = builders();
      const out: string[] = [];
      const code = await runCommand(['--builder', 'sgtest-scale-no-such-builder', '--format', 'json'], { stdout: s => void out.push(s), stderr: () => undefined, cwd: dir });
      const report = JSON.parse(out.join('')) as { builds: unknown[]; skipped: string[]; lint: { summary: { files: number } } };
      expect(report.builds).toHaveLength(0);
      expect(report.lint.summary.files).toBe(1);
      expect(report.skipped.join('\n')).toMatch(/docker buildx inspect sgtest-scale-no-such-builder failed: .*no builder .*sgtest-scale-no-such-builder.* found/);
      expect(code).toBe(0);
      expect(builders()).toBe(before);
    });
  });
});
