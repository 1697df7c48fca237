import { parseBuildArgv, renderBuildText } from '../../src/cli/build';
import { buildCommand } from '../../src/cli/build';

describe('parseBuildArgv', () => {
  test.each<[number, string[], Record<string, unknown>]>([
    [1, [], { paths: [], cacheRepository: '', event: 'local', format: 'text', maxParallel: 2, push: false }],
    [2, ['a/Dockerfile', 'b', '--cache-repository', 'r/c', '--branch', 'feat', '--base-branch', 'main'], { paths: ['a/Dockerfile', 'b'], cacheRepository: 'r/c', branch: 'feat', baseBranch: 'main' }],
    [3, ['--network=none', '--format', 'json', '--target', 'builder', '--target=app,test'], { network: 'none', format: 'json', targets: ['builder', 'app', 'test'] }],
    [4, ['--build-arg', 'A=1,2', '--build-arg=B=x', '--push', '--max-parallel', '4'], { buildArgs: ['A=1,2', 'B=x'], push: true, maxParallel: 4 }],
    [5, ['--event', 'pull_request', '--platform', 'linux/amd64', '--builder', 'ci', '--context', 'src'], { event: 'pull_request', platform: 'linux/amd64', builder: 'ci', context: 'src' }]
  ])('%i: parses %j', (_n, argv, expected) => {
    const r = parseBuildArgv(argv);
    expect('options' in r && r.options).toMatchObject(expected);
  });

  test.each([
    [1, ['--format', 'xml'], /--format must be one of json\|text, got xml/],
    [2, ['--max-parallel', '0'], /at least 1/],
    [3, ['--branch'], /--branch needs a value/],
    [4, ['--frobnicate'], /unknown option --frobnicate/],
    [5, ['--push=yes'], /takes no value/]
  ])('%i: rejects %j', (_n, argv, message) => {
    const r = parseBuildArgv(argv as string[]);
    expect('error' in r && r.error).toMatch(message);
  });

  it('exits 2 with the usage on a usage error, before touching the engine', async () => {
    let err = '';
    const code = await buildCommand(['--format', 'xml'], { stdout: () => undefined, stderr: s => (err += s), cwd: '.' });
    expect(code).toBe(2);
    expect(err).toContain('usage: stageguard build');
  });

  it('prints the usage and exits 0 on --help, before touching the engine', async () => {
    let out = '';
    const code = await buildCommand(['--help'], { stdout: s => (out += s), stderr: () => undefined, cwd: '.' });
    expect(code).toBe(0);
    expect(out).toContain('usage: stageguard build');
  });

  it('exits 2 when a path holds no Dockerfile', async () => {
    let err = '';
    const code = await buildCommand(['no/such/dir'], { stdout: () => undefined, stderr: s => (err += s), cwd: '.' });
    expect(code).toBe(2);
    expect(err).toContain('no Dockerfile at no/such/dir');
  });
});

describe('renderBuildText', () => {
  it('shows each build, its cache use and a failing log tail', () => {
    const text = renderBuildText(
      [
        { dockerfile: 'Dockerfile', target: 'builder', ok: true, seconds: 1.5, image: 'sg/d:builder', steps: { total: 4, cached: 4, executed: 0 }, cacheFrom: [{ ref: 'r:a', hit: true }], cacheTo: 'r:a', error: null },
        { dockerfile: 'Dockerfile', target: 'app', ok: false, seconds: 0.4, image: null, steps: { total: 1, cached: 0, executed: 1 }, cacheFrom: [], cacheTo: null, error: 'boom\nexit code: 1' }
      ],
      ['the registry is down']
    );
    expect(text).toBe(
      'ok   Dockerfile → builder  1.5s  steps 4 (cached 4, executed 0)\n     cache from: r:a (hit)\n     cache to: r:a\n     image: sg/d:builder\n' +
        'FAIL Dockerfile → app  0.4s  steps 1 (cached 0, executed 1)\n     | boom\n     | exit code: 1\nwarning: the registry is down\n'
    );
  });
});
