import * as zlib from 'node:zlib';
import { parseDockerfile } from '../../src/dockerfile/parse';
import { LayerCache, readImageArchive } from '../../src/size/archive';
import {
  analyzeArchive,
  classifyInstruction,
  cleanCreatedBy,
  heuristicFirstOwn,
  historySteps,
  mapHistory,
  saveArgs,
  secretKind,
  stackLayers
} from '../../src/size/analyze';
import { chunked, noise, ociArchive, type FixtureLayer } from './support/archives';

describe('stackLayers', () => {
  const layers: FixtureLayer['entries'][] = [
    [
      { name: 'etc/config', content: noise(3000, 2) },
      { name: 'data/a.bin', content: noise(1000, 3) },
      { name: 'data/b.bin', content: noise(2000, 4) },
      { name: 'bin/tool', content: noise(500, 5) },
      { name: 'bin/tool-link', type: 'link', linkname: 'bin/tool' }
    ],
    [{ name: 'data/.wh..wh..opq' }, { name: 'data/c.bin', content: noise(700, 6) }, { name: 'etc/config', content: 'small\n' }],
    [{ name: 'bin/.wh.tool' }, { name: 'app/main.js', content: noise(4096, 7) }]
  ];

  it('counts files overwritten, deleted by a whiteout and emptied by an opaque dir as wasted, to the byte', async () => {
    const built = await ociArchive(layers.map(entries => ({ entries, gzip: true, createdBy: 'RUN x # buildkit' })));
    const img = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
    const stats = stackLayers(img.layers.map(l => l.entries));
    expect(stats.wasted).toBe(3000 + 3000 + 500);
    expect(stats.wastedByLayer).toEqual([0, 6000, 500]);
    // dive: Σ min / Σ cumulative over paths; a file whiteout counts 0, an opaque dir the bytes it removed.
    expect(stats.efficiency).toBeCloseTo((6 + 1000 + 2000 + 0 + 0 + 3000 + 700 + 4096) / (3006 + 1000 + 2000 + 500 + 0 + 3000 + 700 + 4096), 12);
    expect(stats.largestFiles).toEqual([
      { path: 'app/main.js', bytes: 4096, layer: 2 },
      { path: 'data/c.bin', bytes: 700, layer: 1 },
      { path: 'etc/config', bytes: 6, layer: 1 }
    ]);
    expect(stats.largestDirs).toEqual([
      { path: 'app', bytes: 4096 },
      { path: 'data', bytes: 700 },
      { path: 'etc', bytes: 6 }
    ]);
    expect(stats.final.map(f => f.path).sort()).toEqual(['app/main.js', 'bin/tool-link', 'data/c.bin', 'etc/config']);
  });

  it('scores an image without overwritten or deleted files as fully efficient', () => {
    const stats = stackLayers([[{ path: 'a', size: 10, type: 'file' }], [{ path: 'b', size: 5, type: 'file' }]]);
    expect(stats).toMatchObject({ wasted: 0, efficiency: 1 });
  });

  it('counts a deleted directory with everything under it as wasted', () => {
    const stats = stackLayers([
      [
        { path: 'd/x/1', size: 10, type: 'file' },
        { path: 'd/y', size: 5, type: 'file' }
      ],
      [{ path: 'd', size: 0, type: 'whiteout' }]
    ]);
    expect(stats.wasted).toBe(15);
    expect(stats.final).toEqual([]);
  });
});

const DOCKERFILE = [
  'FROM localhost:5000/busybox:1 AS build',
  'RUN make',
  'FROM localhost:5000/busybox:1',
  'ARG V=1',
  'RUN apt-get install -y gcc',
  'COPY . /app',
  'RUN pip install -r req.txt && rm /app/.env',
  'ENV A=1',
  ''
].join('\n');

const imageLayers: FixtureLayer[] = [
  {
    gzip: true,
    createdBy: 'ADD rootfs.tar / # buildkit',
    entries: [
      { name: 'bin/busybox', content: noise(1000, 1) },
      { name: 'etc/ssl/certs/ca.pem', content: 'public' }
    ]
  },
  {
    gzip: true,
    createdBy: 'RUN |1 V=1 /bin/sh -c apt-get install -y gcc # buildkit',
    entries: [
      { name: 'usr/bin/gcc', content: noise(2000, 2) },
      { name: 'usr/include/stdio.h', content: noise(300, 3) },
      { name: 'var/lib/apt/lists/lock', content: '' },
      { name: 'var/lib/apt/lists/deb_main', content: noise(500, 4) }
    ]
  },
  {
    gzip: false,
    createdBy: 'COPY . /app # buildkit',
    entries: [
      { name: 'app/main.py', content: noise(100, 5) },
      { name: 'app/.env', content: noise(20, 6) },
      { name: 'app/.git/HEAD', content: noise(30, 7) },
      { name: 'app/id_rsa', content: noise(50, 8) }
    ]
  },
  {
    gzip: true,
    createdBy: 'RUN |1 V=1 /bin/sh -c pip install -r req.txt && rm /app/.env # buildkit',
    entries: [
      { name: 'root/.cache/pip/http/a', content: noise(400, 9) },
      { name: 'app/.wh..env' },
      { name: 'usr/lib/python3/site-packages/x.py', content: noise(1000, 10) }
    ]
  }
];

describe('analyzeArchive', () => {
  it('measures an image: exact sizes, the base summed as one layer, lines, breakdown and image findings', async () => {
    const built = await ociArchive(imageLayers, { extraHistory: [{ created_by: 'ENV A=1', empty_layer: true, comment: 'buildkit.dockerfile.v0' }] });
    const archive = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
    const model = parseDockerfile('Dockerfile', DOCKERFILE);
    const size = analyzeArchive(archive, { image: 'fixture:1', dockerfile: 'Dockerfile', target: null, model, wastedThreshold: 10 });
    const [t0, t1, t2, t3] = built.layerTars.map(t => t.length);
    // what a pull transfers: a gzip blob as stored; a layer stored as a plain tar, as gzip -6 compresses it
    const [b0, b1, b2, b3] = built.layerBlobs.map((b, i) => (imageLayers[i].gzip ? b.length : zlib.gzipSync(built.layerTars[i], { level: 6 }).length));
    expect(imageLayers.some(l => !l.gzip)).toBe(true);
    expect(size.compressedEstimated).toBe(true);
    expect(size.compressed).toBe(b0 + b1 + b2 + b3 + built.config.length);
    expect(size.compressed).not.toBe(built.compressed);
    expect(size.uncompressed).toBe(t0 + t1 + t2 + t3);
    expect(size.layers.map(l => ({ instruction: l.instruction, line: l.line, compressed: l.compressed, uncompressed: l.uncompressed }))).toEqual([
      { instruction: 'base image', line: 3, compressed: b0, uncompressed: t0 },
      { instruction: 'RUN apt-get install -y gcc', line: 5, compressed: b1, uncompressed: t1 },
      { instruction: 'COPY . /app', line: 6, compressed: b2, uncompressed: t2 },
      { instruction: 'RUN pip install -r req.txt && rm /app/.env', line: 7, compressed: b3, uncompressed: t3 }
    ]);
    expect(size.breakdown).toEqual({ base: t0, osPackages: t1, dependencies: t3, code: t2, other: 0 });
    expect(size.wasted).toBe(20);
    expect(size.findings.map(f => [f.rule, f.line, f.severity])).toEqual([
      ['image-build-tools', 5, 'warning'],
      ['image-build-tools', 5, 'warning'],
      ['image-package-cache', 5, 'warning'],
      ['image-package-cache', 7, 'warning'],
      ['image-vcs-folder', 6, 'warning'],
      ['image-secret-file', 6, 'error'],
      ['image-secret-file', 6, 'error'],
      ['image-wasted-space', 7, 'warning']
    ]);
    expect(size.findings[0].message).toContain('`gcc` (/usr/bin/gcc)');
    expect(size.findings[1].message).toContain('1 C header files');
    expect(size.findings[2].message).toContain('/var/lib/apt/lists was left in the image: 1 files, 500 B');
    expect(size.findings[5].message).toMatch(/^Layer 3 contains \/app\/\.env.*later layer deleted it/);
    expect(size.findings[6].message).toMatch(/^The image contains \/app\/id_rsa/);
    expect(size.findings[0]).toMatchObject({ column: 1, endLine: 5, endColumn: 1 + 'RUN apt-get install -y gcc'.length, stage: 1, aliases: [] });
    expect(size.largest?.[0]).toEqual({ path: '/usr/bin/gcc', bytes: 2000, kind: 'file' });
  });

  it('takes the stored blob sizes as they are when every layer is compressed, and says nothing was estimated', async () => {
    const built = await ociArchive(imageLayers.filter(l => l.gzip));
    const size = analyzeArchive(await readImageArchive(chunked(built.archive), { cache: new LayerCache() }), { image: 'gz:1' });
    expect(size.compressed).toBe(built.compressed);
    expect(size.compressedEstimated).toBeUndefined();
  });

  it('reports findings on line 1 and tells the base from the history when no Dockerfile is given', async () => {
    const built = await ociArchive(imageLayers.slice(1));
    const archive = await readImageArchive(chunked(built.archive), { cache: new LayerCache() });
    const size = analyzeArchive(archive, { image: 'fixture:1' });
    expect(size.dockerfile).toBeNull();
    expect(size.layers.map(l => l.line)).toEqual([null, null, null]);
    // gcc, the apt lists, .git and the secret files are still there to find
    expect(size.findings.length).toBeGreaterThan(0);
    expect(size.findings.every(f => f.line === 1 && f.stage === null)).toBe(true);
    expect(size.findings.some(f => f.rule === 'image-wasted-space')).toBe(false);
  });
});

describe('history', () => {
  it.each([
    ['RUN /bin/sh -c apt-get update # buildkit', 'RUN apt-get update'],
    ['RUN |2 A=1 B=two /bin/sh -c make all # buildkit', 'RUN make all'],
    ['COPY /out/app /app # buildkit', 'COPY /out/app /app'],
    ['WORKDIR /app', 'WORKDIR /app'],
    ['/bin/sh -c #(nop)  CMD ["sh"]', 'CMD ["sh"]'],
    ['/bin/sh -c #(nop) ADD file:abc in / ', 'ADD file:abc in /'],
    ['/bin/sh -c apk add --no-cache git', 'RUN apk add --no-cache git'],
    ['', '(no history)'],
    [undefined, '(no history)']
  ])('cleans the created_by %j to %j', (createdBy, expected) => {
    expect(cleanCreatedBy(createdBy)).toBe(expected);
  });

  it.each([
    ['RUN apt-get update && apt-get install -y curl', 'osPackages'],
    ['RUN apk add --no-cache git', 'osPackages'],
    ['RUN dnf install -y gcc', 'osPackages'],
    ['RUN pip install --no-cache-dir -r requirements.txt', 'dependencies'],
    ['RUN npm ci --omit=dev', 'dependencies'],
    ['RUN go mod download', 'dependencies'],
    ['RUN cargo fetch', 'dependencies'],
    ['COPY node_modules /app/node_modules', 'dependencies'],
    ['COPY . /app', 'code'],
    ['ADD app.tar.gz /srv', 'code'],
    ['RUN echo hi > /x', 'other'],
    ['WORKDIR /app', 'other']
  ])('classifies %j as %s', (instruction, key) => {
    expect(classifyInstruction(instruction)).toBe(key);
  });

  it('maps the history of a target built FROM an earlier stage to both stages\' lines', () => {
    const model = parseDockerfile(
      'Dockerfile',
      ['FROM localhost:5000/busybox:1 AS deps', 'RUN echo deps', 'FROM deps AS app', 'COPY . /app', 'FROM localhost:5000/busybox:1 AS other', 'RUN true', ''].join('\n')
    );
    const steps = historySteps({
      history: [
        { created_by: 'ADD rootfs / # buildkit', comment: 'buildkit.dockerfile.v0' },
        { created_by: 'RUN /bin/sh -c echo deps # buildkit', comment: 'buildkit.dockerfile.v0' },
        { created_by: 'COPY . /app # buildkit', comment: 'buildkit.dockerfile.v0' }
      ]
    });
    expect(mapHistory(steps, model, 'app')).toEqual({ firstOwn: 1, lines: [null, 2, 4], method: 'dockerfile' });
  });

  it.each([
    ['an imported base', [{ comment: 'Imported from -' }, { comment: 'buildkit.dockerfile.v0' }, { comment: 'buildkit.dockerfile.v0' }], 1],
    [
      'a base built long before',
      [
        { comment: 'buildkit.dockerfile.v0', created: '2024-01-01T00:00:00Z' },
        { comment: 'buildkit.dockerfile.v0', created: '2025-01-01T00:00:00Z' },
        { comment: 'buildkit.dockerfile.v0', created: '2025-01-01T00:01:00Z' }
      ],
      1
    ],
    ['no base', [{ comment: 'buildkit.dockerfile.v0' }], 0]
  ])('without a Dockerfile, finds where the image\'s own history starts after %s', (_name, entries, firstOwn) => {
    expect(heuristicFirstOwn(entries.map(e => ({ instruction: 'RUN x', createdBy: 'RUN x', empty: false, ...e })))).toBe(firstOwn);
  });

  it.each([
    ['app/.env', 'environment file'],
    ['srv/.env.production', 'environment file'],
    ['srv/.env.example', null],
    ['root/.ssh/id_ed25519', 'private SSH key'],
    ['root/.ssh/id_rsa.pub', null],
    ['app/certs/server.pem', 'PEM file'],
    ['etc/ssl/certs/ca-cert-foo.pem', null],
    ['usr/lib/python3/site-packages/certifi/cacert.pem', null]
  ])('treats %j as a secret-looking file: %j', (path, kind) => {
    expect(secretKind(path)).toBe(kind);
  });

  it('saves the image with exactly `docker save IMAGE`', () => {
    expect(saveArgs('app:pr')).toEqual(['save', 'app:pr']);
  });
});
