import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { detectBuilder } from '../../src/buildx/builder';
import { measureImage } from '../../src/size/analyze';
import { LayerCache } from '../../src/size/archive';
import { BASE_IMAGE, describeEngine } from '../support/engine';

jest.setTimeout(180_000);

// The second engine of scripts/test-engine.sh: the classic image store, as GitHub's runners have it by default.
const CLASSIC = 'unix:///var/run/stageguard-classic.sock';

function classicReachable(): boolean {
  try {
    execFileSync('docker', ['info'], { env: { ...process.env, DOCKER_HOST: CLASSIC }, stdio: 'pipe', timeout: 15000 });
    return true;
  } catch {
    return false;
  }
}

describeEngine('an engine with the classic image store (layers kept uncompressed)', () => {
  const env = { ...process.env, DOCKER_HOST: CLASSIC };
  const docker = (args: string[]): string => execFileSync('docker', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tag = `localhost:5000/sgtest-classic/img:${Date.now()}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sg-classic-'));
  const saved = process.env.DOCKER_HOST;

  beforeAll(() => {
    if (!classicReachable()) throw new Error(`the classic-store engine does not answer on ${CLASSIC}: run scripts/test-engine.sh start`);
    // half random, half text: a layer gzip shrinks, so an estimate that is off shows
    const text = Buffer.from('a line of text that compresses well enough\n'.repeat(70_000));
    fs.writeFileSync(path.join(dir, 'data.bin'), Buffer.concat([crypto.randomBytes(2_000_000), text]));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nCOPY data.bin /data/\nRUN cp /data/data.bin /data/copy.bin\n`);
    docker(['buildx', 'build', '--network', 'none', '--tag', tag, '--load', dir]);
    process.env.DOCKER_HOST = CLASSIC;
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DOCKER_HOST;
    else process.env.DOCKER_HOST = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('estimates the compressed size within 1% of what a push stores in the registry, and says it is an estimate', async () => {
    const size = await measureImage(tag, { cache: new LayerCache() });
    expect(size.compressedEstimated).toBe(true);
    expect(size.uncompressed).toBeGreaterThan(10_000_000);
    expect(size.compressed).toBeLessThan(size.uncompressed * 0.7);
    docker(['push', '-q', tag]);
    const [repo, ref] = tag.replace('localhost:5000/', '').split(':');
    const res = await fetch(`http://127.0.0.1:5000/v2/${repo}/manifests/${ref}`, {
      headers: { Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json' }
    });
    const manifest = (await res.json()) as { config: { size: number }; layers: { size: number }[] };
    const pushed = manifest.config.size + manifest.layers.reduce((n, l) => n + l.size, 0);
    expect(Math.abs(size.compressed - pushed) / pushed).toBeLessThan(0.01);
  });

  it('sees that the default builder cannot export registry caches there, and says how to fix it', async () => {
    const builder = await detectBuilder();
    expect(builder).toMatchObject({ driver: 'docker', canExportCache: false });
    expect(builder.warning).toMatch(/containerd image store/);
    expect(builder.warning).toMatch(/setup-buildx-action/);
  });
});
