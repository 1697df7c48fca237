import { LayerCache, layerEntryFromHeader, normalizeEntryPath, readImageArchive, sniffBlob } from '../../src/size/archive';
import { chunked, dockerSaveV1Archive, noise, ociArchive, sha256, type FixtureLayer } from './support/archives';

const layers: FixtureLayer[] = [
  {
    gzip: true,
    createdBy: 'RUN /bin/sh -c make-base # buildkit',
    entries: [
      { name: 'etc/', type: 'directory' },
      { name: 'etc/config', content: noise(3000, 2) },
      { name: 'data/', type: 'directory' },
      { name: 'data/a.bin', content: noise(1000, 3) },
      { name: 'data/b.bin', content: noise(2000, 4) },
      { name: 'bin/tool', content: noise(500, 5) },
      { name: 'bin/tool-link', type: 'link', linkname: 'bin/tool' },
      { name: 'bin/sym', type: 'symlink', linkname: 'tool' }
    ]
  },
  {
    gzip: false,
    createdBy: 'RUN /bin/sh -c rm -rf /data && echo > /etc/config # buildkit',
    entries: [
      { name: 'data/', type: 'directory' },
      { name: 'data/.wh..wh..opq' },
      { name: 'data/c.bin', content: noise(700, 6) },
      { name: 'etc/config', content: 'small\n' }
    ]
  },
  {
    gzip: true,
    createdBy: 'COPY app /app # buildkit',
    entries: [{ name: 'bin/.wh.tool' }, { name: 'app/main.js', content: noise(4096, 7) }]
  }
];

describe('readImageArchive', () => {
  it.each([
    ['an OCI layout with the manifest after the blobs', false],
    ['an OCI layout with the manifest before the blobs', true]
  ])('reads %s with exact compressed and uncompressed sizes per layer', async (_name, manifestFirst) => {
    const built = await ociArchive(layers, { manifestFirst, withAttestation: true });
    const img = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
    expect(img.format).toBe('oci');
    expect(img.configSize).toBe(built.config.length);
    expect(img.layers.map(l => l.compressedSize)).toEqual(built.layerBlobs.map(b => b.length));
    expect(img.layers.map(l => l.uncompressedSize)).toEqual(built.layerTars.map(t => t.length));
    expect(img.layers.map(l => l.gzip)).toEqual([true, false, true]);
    expect(img.layers.map(l => l.key)).toEqual(built.layerBlobs.map(sha256));
    expect(img.config.history).toHaveLength(3);
  });

  it('reads the docker-save v1 layout with uncompressed layer tars, ignoring VERSION and json files', async () => {
    const built = await dockerSaveV1Archive(layers);
    const img = await readImageArchive(chunked(built.archive, 1000), { cache: new LayerCache() });
    expect(img.format).toBe('docker-save-v1');
    expect(img.layers.map(l => l.uncompressedSize)).toEqual(built.layerTars.map(t => t.length));
    expect(img.layers.map(l => l.compressedSize)).toEqual(built.layerTars.map(t => t.length));
    expect(img.configSize).toBe(built.config.length);
  });

  it('lists every entry of a layer with its type, size, hard-link target, whiteouts and opaque dirs', async () => {
    const built = await ociArchive(layers);
    const img = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
    expect(img.layers[0].entries).toEqual([
      { path: 'etc', size: 0, type: 'dir' },
      { path: 'etc/config', size: 3000, type: 'file' },
      { path: 'data', size: 0, type: 'dir' },
      { path: 'data/a.bin', size: 1000, type: 'file' },
      { path: 'data/b.bin', size: 2000, type: 'file' },
      { path: 'bin/tool', size: 500, type: 'file' },
      { path: 'bin/tool-link', size: 0, type: 'hardlink', linkname: 'bin/tool' },
      { path: 'bin/sym', size: 0, type: 'symlink', linkname: 'tool' }
    ]);
    expect(img.layers[1].entries.map(e => [e.path, e.type])).toEqual([
      ['data', 'dir'],
      ['data', 'opaque'],
      ['data/c.bin', 'file'],
      ['etc/config', 'file']
    ]);
    expect(img.layers[2].entries[0]).toEqual({ path: 'bin/tool', size: 0, type: 'whiteout' });
  });

  it('reads a layer shared with an earlier image from the cache instead of decompressing it again', async () => {
    const cache = new LayerCache();
    const first = await ociArchive(layers);
    const a = await readImageArchive(chunked(first.archive), { cache });
    expect(cache.size).toBe(3);
    const second = await ociArchive([layers[0], { gzip: true, createdBy: 'COPY x /x # buildkit', entries: [{ name: 'x', content: 'x' }] }]);
    const b = await readImageArchive(chunked(second.archive), { cache });
    expect(b.layers[0]).toBe(a.layers[0]);
    expect(b.layers[1]).not.toBe(a.layers[1]);
    expect(cache.size).toBe(4);
  });

  it('rejects a stream that is not an image archive with a message saying so', async () => {
    const built = await ociArchive(layers);
    const onlyLayer = chunked(built.layerTars[0]);
    await expect(readImageArchive(onlyLayer, { cache: new LayerCache() })).rejects.toThrow(/not an image archive/);
  });
});

describe('archive helpers', () => {
  it.each([
    ['./a/b/', 'a/b'],
    ['/usr/bin/gcc', 'usr/bin/gcc'],
    ['./', ''],
    ['a//b', 'a/b']
  ])('normalises the entry path %j to %j', (name, expected) => {
    expect(normalizeEntryPath(name)).toBe(expected);
  });

  it.each([
    [{ name: 'usr/.wh.lib' }, { path: 'usr/lib', size: 0, type: 'whiteout' }],
    [{ name: '.wh.top' }, { path: 'top', size: 0, type: 'whiteout' }],
    [{ name: 'var/cache/.wh..wh..opq' }, { path: 'var/cache', size: 0, type: 'opaque' }],
    [{ name: 'x', type: 'file', size: 9 }, { path: 'x', size: 9, type: 'file' }],
    [{ name: 'd/', type: 'directory', size: 0 }, { path: 'd', size: 0, type: 'dir' }],
    [{ name: 'h', type: 'link', linkname: './x' }, { path: 'h', size: 0, type: 'hardlink', linkname: 'x' }],
    [{ name: 'dev/null', type: 'character-device' }, { path: 'dev/null', size: 0, type: 'other' }]
  ])('reads the tar header %j as %j', (header, expected) => {
    expect(layerEntryFromHeader(header)).toEqual(expected);
  });

  it.each([
    [[0x1f, 0x8b, 8, 0], 'gzip'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    [[0x0a, 0x20, 0x7b, 0x22], 'json'],
    [[0x5b, 0x7b], 'json'],
    [[0x61, 0x70, 0x70, 0x2f], 'tar']
  ])('sniffs a blob starting with %j as %s', (bytes, kind) => {
    expect(sniffBlob(Buffer.from(bytes))).toBe(kind);
  });
});
