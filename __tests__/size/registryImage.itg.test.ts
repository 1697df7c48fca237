import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BASE_IMAGE, describeEngine, REGISTRY } from '../support/engine';
import { exec, execLog } from '../../src/exec';
import { measureImageLayers } from '../../src/size/analyze';
import { LayerCache } from '../../src/size/archive';
import { pickManifest } from '../../src/size/registryImage';

jest.setTimeout(300_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const REF = `${REGISTRY}/baseline-regimg/r${RUN}:img`;

describeEngine('measuring an image from its registry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baseline-regimg-'));
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${BASE_IMAGE}\nRUN dd if=/dev/urandom of=/big bs=1024 count=700 2>/dev/null\nRUN rm /big && echo small > /small\nCOPY f.txt /f.txt\n`);
    fs.writeFileSync(path.join(dir, 'f.txt'), 'file\n');
    const r = await exec('docker', ['buildx', 'build', '--network', 'none', '--tag', REF, '--push', dir], { timeoutMs: 240_000 });
    expect(r.stderr.slice(-2000)).not.toMatch(/ERROR/);
    expect(r.exitCode).toBe(0);
  });
  afterAll(async () => {
    await exec('docker', ['rmi', '-f', REF]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives every figure of docker save, to the byte, without docker save', async () => {
    const saved = await measureImageLayers(REF, { cache: new LayerCache() });
    const mark = execLog.length;
    const fromRegistry = await measureImageLayers(REF, { cache: new LayerCache(), registryRef: REF });
    expect(execLog.slice(mark).map(c => c.cmd)).toEqual([]);
    expect(fromRegistry.size).toEqual(saved.size);
    expect(fromRegistry.size.wasted).toBeGreaterThanOrEqual(700 * 1024);
    expect(fromRegistry.layers.map(l => [l.key, l.compressedSize, l.uncompressedSize])).toEqual(saved.layers.map(l => [l.key, l.compressedSize, l.uncompressedSize]));
  });

  it('reads only the layers it has not analysed yet', async () => {
    const cache = new LayerCache();
    const first = await measureImageLayers(REF, { cache, registryRef: REF });
    const streamed = cache.analysed.size;
    expect(streamed).toBe(first.layers.length);
    await measureImageLayers(REF, { cache, registryRef: REF });
    expect(cache.analysed.size).toBe(streamed);
    expect([...cache.analysed.values()].every(n => n === 1)).toBe(true);
    expect(cache.hits).toBe(first.layers.length);
  });

  it('says which image the registry does not have', async () => {
    await expect(measureImageLayers(`${REF}-missing`, { cache: new LayerCache(), registryRef: `${REF}-missing` })).rejects.toThrow(`the registry has no image ${REF}-missing`);
  });
});

describe('the platform manifest of an index', () => {
  const amd = { digest: 'sha256:a', size: 1, platform: { os: 'linux', architecture: 'amd64' } };
  const arm = { digest: 'sha256:b', size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } };
  const att = { digest: 'sha256:c', size: 1, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } };
  test.each([
    ['the given platform', [amd, arm, att], 'linux/arm64', arm],
    ['the given platform with its variant', [amd, arm], 'linux/arm64/v8', arm],
    ['the one image beside its attestation', [arm, att], 'linux/amd64', arm],
    ['none when two images match nothing', [amd, arm], 'linux/s390x', undefined]
  ])('%#: picks %s', (_n, list, platform, want) => {
    expect(pickManifest(list, platform)).toEqual(want);
  });
});
