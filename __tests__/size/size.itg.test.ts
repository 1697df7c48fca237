import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { sizeCommand } from '../../src/cli/size';
import { exec } from '../../src/exec';
import { LayerCache, readImageArchive } from '../../src/size/archive';
import { analyzeArchive, measureImage } from '../../src/size/analyze';
import { compareImages } from '../../src/size/compare';
import { BASE_IMAGE, REGISTRY, describeEngine } from '../support/engine';

jest.setTimeout(180_000);

const run = `${process.pid}-${Date.now().toString(36)}`;
const localName = `sgtest-size-${run}`;
const pushed = `${REGISTRY}/sgtest-size/app-${run}`;
const dirs: string[] = [];
const images: string[] = [];

async function must(cmd: string, args: string[], cwd?: string): Promise<string> {
  const r = await exec(cmd, args, cwd ? { cwd } : {});
  if (r.exitCode !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.exitCode}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

function context(dockerfile: string, files: Record<string, Buffer | string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sgtest-size-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'Dockerfile'), dockerfile);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
  return dir;
}

async function build(dir: string, tag: string, extra: string[] = ['--load', '-t', tag]): Promise<void> {
  await must('docker', ['buildx', 'build', '--network=none', ...extra, dir]);
  if (extra.includes('--load')) images.push(tag);
}

const BASE_DOCKERFILE = `FROM ${BASE_IMAGE}\nWORKDIR /app\nCOPY app.txt /app/\nRUN echo built > /app/built.txt\n`;
const PR_DOCKERFILE = `${BASE_DOCKERFILE}COPY big.bin /app/\n`;

describeEngine('size on the real engine', () => {
  let baseDir: string;
  let prDir: string;

  beforeAll(async () => {
    const app = `hello ${run}\n`;
    baseDir = context(BASE_DOCKERFILE, { 'app.txt': app });
    prDir = context(PR_DOCKERFILE, { 'app.txt': app, 'big.bin': randomBytes(5_000_000) });
    await build(baseDir, `${localName}:base`);
    await build(prDir, `${localName}:pr`);
  });

  afterAll(async () => {
    for (const i of images) await exec('docker', ['image', 'rm', '-f', i]);
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('measures a compressed size equal to the registry manifest\'s layers plus config for the same image', async () => {
    const dockerfile = path.join(prDir, 'Dockerfile');
    const size = await measureImage(`${localName}:pr`, { dockerfile, model: parseDockerfile(dockerfile, readFileSync(dockerfile)) });
    await must('docker', ['tag', `${localName}:pr`, `${pushed}:pr`]);
    images.push(`${pushed}:pr`);
    await must('docker', ['push', `${pushed}:pr`]);

    const accept = [
      'application/vnd.oci.image.index.v1+json',
      'application/vnd.oci.image.manifest.v1+json',
      'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.docker.distribution.manifest.v2+json'
    ].join(', ');
    const repo = pushed.slice(REGISTRY.length + 1);
    const get = async (ref: string): Promise<{ manifests?: { digest: string; platform?: { os: string } }[]; config?: { size: number }; layers?: { size: number }[] }> => {
      const res = await fetch(`http://127.0.0.1:5000/v2/${repo}/manifests/${ref}`, { headers: { Accept: accept } });
      expect(res.status).toBe(200);
      return (await res.json()) as never;
    };
    let manifest = await get('pr');
    if (manifest.manifests) manifest = await get(manifest.manifests.find(m => m.platform?.os === 'linux')!.digest);
    const registrySum = manifest.config!.size + manifest.layers!.reduce((s, l) => s + l.size, 0);

    expect(size.compressed).toBe(registrySum);
    expect(size.layers.map(l => [l.instruction, l.line])).toEqual([
      ['base image', 1],
      ['WORKDIR /app', 2],
      ['COPY app.txt /app/', 3],
      ['RUN echo built > /app/built.txt', 4],
      ['COPY big.bin /app/', 5]
    ]);
    expect(size.largest?.[0]).toEqual({ path: '/app/big.bin', bytes: 5_000_000, kind: 'file' });
  });

  it('shows a PR that adds a 5 MB file as a delta within 1% of 5,000,000 bytes', async () => {
    const cache = new LayerCache();
    const base = await measureImage(`${localName}:base`, { dockerfile: path.join(baseDir, 'Dockerfile'), cache });
    const pr = await measureImage(`${localName}:pr`, { dockerfile: path.join(prDir, 'Dockerfile'), cache });
    const [compared] = compareImages([{ ...pr, dockerfile: 'Dockerfile' }], [{ ...base, dockerfile: 'Dockerfile' }]);
    expect(compared.baseStatus).toBe('compared');
    expect(Math.abs(compared.delta!.compressed - 5_000_000)).toBeLessThan(50_000);
    expect(Math.abs(compared.delta!.uncompressed - 5_000_000)).toBeLessThan(50_000);
    expect(compared.layerDiff?.filter(d => d.change !== 'same').map(d => [d.change, d.instruction])).toEqual([['added', 'COPY big.bin /app/']]);
  });

  it('reads a buildx OCI export of the same build with the same sizes as docker save', async () => {
    const dest = path.join(prDir, 'oci.tar');
    await build(prDir, '', ['--output', `type=oci,dest=${dest}`]);
    const archive = await readImageArchive(createReadStream(dest), { cache: new LayerCache() });
    const fromExport = analyzeArchive(archive, { image: 'export' });
    const fromSave = await measureImage(`${localName}:pr`, { cache: new LayerCache() });
    expect(fromExport.uncompressed).toBe(fromSave.uncompressed);
    // The export may compress a layer afresh (BuildKit reuses the store's blob only when it still has it), and two
    // gzip runs of the same tar can differ by a few bytes: the layer count and the tar bytes must match exactly.
    expect(fromExport.layers.map(l => l.uncompressed)).toEqual(fromSave.layers.map(l => l.uncompressed));
    const sum = (xs: { compressed: number }[]): number => xs.reduce((s, l) => s + l.compressed, 0);
    expect(Math.abs(sum(fromExport.layers) - sum(fromSave.layers)) / sum(fromSave.layers)).toBeLessThan(0.001);
  });

  it('prints the JSON report of `stageguard size PR --base BASE --format json` with the 5 MB delta', async () => {
    const out: string[] = [];
    const code = await sizeCommand([`${localName}:pr`, '--base', `${localName}:base`, '--format', 'json', '--dockerfile', 'Dockerfile'], {
      stdout: s => out.push(s),
      stderr: s => out.push(s),
      cwd: prDir
    });
    expect(code).toBe(0);
    const doc = JSON.parse(out.join('')) as { images: { dockerfile: string; delta: { compressed: number }; baseStatus: string; layers: { line: number | null }[] }[] };
    expect(doc.images).toHaveLength(1);
    expect(doc.images[0]).toMatchObject({ dockerfile: 'Dockerfile', baseStatus: 'compared' });
    expect(Math.abs(doc.images[0].delta.compressed - 5_000_000)).toBeLessThan(50_000);
    expect(doc.images[0].layers.map(l => l.line)).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails with docker\'s own message for an image that does not exist', async () => {
    await expect(measureImage(`${localName}:missing`)).rejects.toThrow(/docker save sgtest-size-.*:missing failed/);
  });
});
