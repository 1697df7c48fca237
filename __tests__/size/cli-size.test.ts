import { parseSizeArgs, sizeCommand, sizeJson } from '../../src/cli/size';
import type { ImageSize } from '../../src/size/types';

describe('parseSizeArgs', () => {
  it.each<[string[], object]>([
    [['app:1'], { image: 'app:1', format: 'text' }],
    [['app:1', '--base', 'app:0', '--format', 'json'], { image: 'app:1', base: 'app:0', format: 'json' }],
    [['--format=json', 'app:1', '--dockerfile', 'Dockerfile', '--target', 'final'], { image: 'app:1', format: 'json', dockerfile: 'Dockerfile', target: 'final' }],
    [['app:1', '--wasted-threshold', '1MiB'], { image: 'app:1', format: 'text', wastedThreshold: 1_048_576 }],
    [['--dockerfile', 'Dockerfile', '--base-ref', 'main'], { format: 'text', dockerfile: 'Dockerfile', baseRef: 'main' }]
  ])('reads %j', (argv, expected) => {
    expect(parseSizeArgs(argv)).toEqual(expected);
  });

  it.each([
    [[], /an IMAGE/],
    [['a', 'b'], /one image at a time/],
    [['a', '--format', 'xml'], /--format must be one of json\|text, got xml/],
    [['a', '--base'], /--base needs a value/],
    [['a', '--bogus'], /unknown option --bogus/],
    [['--', '--x'], /--x is not an image name/],
    [['a', '--base=-x'], /-x is not an image name/]
  ])('rejects %j', (argv, message) => {
    expect(() => parseSizeArgs(argv)).toThrow(message);
  });
});

describe('sizeCommand', () => {
  it('prints usage and returns 2 on bad arguments', async () => {
    const err: string[] = [];
    const code = await sizeCommand(['--format', 'xml', 'x'], { stdout: () => undefined, stderr: s => err.push(s), cwd: '.' });
    expect(code).toBe(2);
    expect(err.join('')).toContain('usage: stageguard size IMAGE');
  });

  it('prints usage and returns 0 on --help, even without an IMAGE', async () => {
    const out: string[] = [];
    const code = await sizeCommand(['--help'], { stdout: s => out.push(s), stderr: () => undefined, cwd: '.' });
    expect(code).toBe(0);
    expect(out.join('')).toContain('usage: stageguard size IMAGE');
  });
});

describe('sizeJson', () => {
  it('writes exactly {"images":[...]} with the required keys in order and integer bytes', () => {
    const image: ImageSize = {
      dockerfile: 'Dockerfile',
      target: null,
      image: 'app:1',
      compressed: 10,
      uncompressed: 20,
      layers: [{ instruction: 'COPY . /app', line: 3, compressed: 10, uncompressed: 20, digest: 'sha256:x' }],
      breakdown: { base: 0, osPackages: 0, dependencies: 0, code: 20, other: 0 },
      wasted: 0,
      efficiency: 1,
      findings: [],
      base: null,
      delta: null
    };
    const doc = JSON.parse(sizeJson([image]));
    expect(Object.keys(doc)).toEqual(['images']);
    expect(Object.keys(doc.images[0])).toEqual(['dockerfile', 'target', 'image', 'compressed', 'uncompressed', 'layers', 'breakdown', 'wasted', 'efficiency', 'findings', 'base', 'delta']);
    expect(doc.images[0].layers[0]).toEqual({ instruction: 'COPY . /app', line: 3, compressed: 10, uncompressed: 20 });
  });
});
