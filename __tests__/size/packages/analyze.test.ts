import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseDockerfile } from '../../../src/dockerfile/parse';
import { gzipSync } from 'node:zlib';
import { LayerCache, readImageArchive, readLayerBlob } from '../../../src/size/archive';
import { analyzeArchive } from '../../../src/size/analyze';
import { compareImages } from '../../../src/size/compare';
import { formatBytes } from '../../../src/size/units';
import { chunked, layerTar, noise, ociArchive, sha256, type FixtureLayer } from '../support/archives';

const fixture = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

const DOCKERFILE = 'FROM localhost:5000/debian-minbase:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCOPY app /app\n';

/** A Debian base whose own layer ships 30 kB of apt lists and its dpkg status; then the Dockerfile's two layers. */
function layers(withCurl: boolean): FixtureLayer[] {
  return [
    {
      gzip: true,
      createdBy: 'Imported from -',
      entries: [
        { name: 'var/lib/dpkg/status', content: fixture('dpkg-status.minbase') },
        { name: 'var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages', content: noise(30_000, 1) },
        { name: 'usr/bin/gcc', content: noise(2000, 2) }
      ]
    },
    {
      gzip: true,
      createdBy: 'RUN /bin/sh -c apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* # buildkit',
      entries: [
        { name: 'var/lib/dpkg/status', content: fixture(withCurl ? 'dpkg-status.curl-pip' : 'dpkg-status.minbase') },
        { name: 'var/lib/apt/lists/.wh.deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages' },
        { name: 'var/cache/apt/pkgcache.bin', content: noise(700, 3) }
      ]
    },
    {
      gzip: false,
      createdBy: 'COPY app /app # buildkit',
      entries: [
        { name: 'app/node_modules/tar-stream/package.json', content: fixture('npm-tar-stream.package.json') },
        { name: 'app/node_modules/tar-stream/index.js', content: noise(4000, 4) },
        { name: 'app/site-packages/demo_pkg.tool-1.2.3.dist-info/METADATA', content: fixture('demo-METADATA') },
        { name: 'app/site-packages/demo_pkg.tool-1.2.3.dist-info/RECORD', content: fixture('demo-RECORD') }
      ]
    }
  ];
}

async function measure(withCurl: boolean, wastedThreshold = 10_000_000) {
  const built = await ociArchive(layers(withCurl), {});
  const archive = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
  return analyzeArchive(archive, { image: 'x:1', dockerfile: 'Dockerfile', target: null, model: parseDockerfile('Dockerfile', DOCKERFILE), wastedThreshold });
}

describe('packages of a measured image', () => {
  it('lists what the Dockerfile installed on top of its base image, largest first, with dpkg sizes', async () => {
    const size = await measure(true);
    const d = size.packages!;
    expect(d.against).toBe('base-image');
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
    // 128 deb packages after the install against 88 in the base, plus the npm and the Python package of the COPY
    expect(d.added.filter(p => p.ecosystem === 'deb')).toHaveLength(40);
    expect(d.added.find(p => p.name === 'curl')).toEqual({ ecosystem: 'deb', name: 'curl', version: '7.88.1-10+deb12u15', bytes: 489 * 1024 });
    expect(d.added.find(p => p.ecosystem === 'npm')).toEqual({ ecosystem: 'npm', name: 'tar-stream', version: JSON.parse(fixture('npm-tar-stream.package.json')).version, bytes: 4000 + fixture('npm-tar-stream.package.json').length });
    expect(d.added.find(p => p.ecosystem === 'pypi')).toEqual({ ecosystem: 'pypi', name: 'demo-pkg-tool', version: '1.2.3', bytes: 208 });
    const bytes = d.added.map(p => p.bytes);
    expect(bytes).toEqual([...bytes].sort((a, b) => b - a));
    expect(size.installed!.filter(p => p.ecosystem === 'deb')).toHaveLength(128);
  });

  it('compares the packages with the same target on the base branch', async () => {
    const [pr] = compareImages([await measure(true)], [await measure(false)]);
    expect(pr.packages!.against).toBe('base-branch');
    expect(pr.packages!.added.map(p => p.name)).toContain('libcurl4');
    expect(pr.packages!.added.filter(p => p.ecosystem !== 'deb')).toEqual([]);
  });
});

describe('findings of the base image', () => {
  it('says the base image left its apt lists and build tools, on no line of the Dockerfile, and keeps the Dockerfile\'s own cache apart', async () => {
    const size = await measure(false, 20_000);
    const base = size.findings.filter(f => f.fromBaseImage !== undefined);
    const own = size.findings.filter(f => f.fromBaseImage === undefined);
    expect(base.map(f => [f.rule, f.line, f.fromBaseImage])).toEqual([
      ['image-build-tools', 0, 'localhost:5000/debian-minbase:bookworm'],
      ['image-wasted-space', 0, 'localhost:5000/debian-minbase:bookworm']
    ]);
    expect(base[0].message).toMatch(/^From the base image `localhost:5000\/debian-minbase:bookworm`: The final image contains the build tool `gcc`/);
    // the apt lists the RUN deleted and the dpkg status it rewrote
    expect(base[1].message).toContain(`: ${formatBytes(30_000 + fixture('dpkg-status.minbase').length)} of its files are deleted or overwritten by later layers`);
    expect(own.map(f => f.rule)).toEqual([]);
  });

  it('blames the base image, not the FROM line, for apt lists its own layer ships', async () => {
    const built = await ociArchive([layers(false)[0], layers(false)[2]], {});
    const archive = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
    const size = analyzeArchive(archive, { image: 'x:1', dockerfile: 'Dockerfile', target: null, model: parseDockerfile('Dockerfile', 'FROM localhost:5000/debian-minbase:bookworm\nCOPY app /app\n') });
    const lists = size.findings.find(f => f.rule === 'image-package-cache')!;
    expect(lists).toMatchObject({ line: 0, fromBaseImage: 'localhost:5000/debian-minbase:bookworm' });
    expect(lists.message).toMatch(/^From the base image .*The package-manager cache \/var\/lib\/apt\/lists was left in the image: 1 files, 30\.0 kB/);
  });
});

describe('a layer read from the registry on its own', () => {
  it('keeps the package databases it writes, as a layer of a saved image does', async () => {
    const blob = gzipSync(await layerTar([{ name: 'var/lib/dpkg/status', content: fixture('dpkg-status.minbase') }, { name: 'usr/bin/gcc', content: noise(2000, 2) }]));
    const fromBlob = await readLayerBlob(chunked(blob), sha256(blob));
    const built = await ociArchive([{ gzip: true, createdBy: 'Imported from -', entries: [{ name: 'var/lib/dpkg/status', content: fixture('dpkg-status.minbase') }, { name: 'usr/bin/gcc', content: noise(2000, 2) }] }]);
    const fromArchive = (await readImageArchive(chunked(built.archive), { cache: new LayerCache() })).layers[0];
    expect(fromBlob.databases?.map(d => d.path)).toEqual(['var/lib/dpkg/status']);
    expect(fromBlob.databases).toEqual(fromArchive.databases);
  });
});
