import { buildxArgs, imageNameFor, reproduceCommand, shellCommand, type BuildPlan, type BuildxOptions } from '../../src/buildx/args';

const plan: BuildPlan = {
  dockerfile: 'app/Dockerfile',
  file: '/repo/app/Dockerfile',
  context: '/repo/app',
  target: 'builder',
  targetFlag: 'builder',
  image: 'stageguard/app-dockerfile:builder',
  cacheFrom: ['r/c:app-dockerfile_builder_feat', 'r/c:app-dockerfile_builder_main'],
  cacheTo: 'r/c:app-dockerfile_builder_feat',
  pushTags: ['r/c:img_app-dockerfile_builder_feat']
};
const head = ['buildx', 'build', '--progress=rawjson', '--file', '/repo/app/Dockerfile', '--target', 'builder'];
const cacheFrom = ['--cache-from', 'type=registry,ref=r/c:app-dockerfile_builder_feat', '--cache-from', 'type=registry,ref=r/c:app-dockerfile_builder_main'];
const cacheTo = ['--cache-to', 'type=registry,ref=r/c:app-dockerfile_builder_feat,mode=max,ignore-error=true'];
const tag = ['--tag', 'stageguard/app-dockerfile:builder'];

describe('buildxArgs', () => {
  test.each<[number, string, Partial<BuildPlan>, BuildxOptions, string[]]>([
    [1, 'caches from both refs, to the branch ref, and loads', {}, {}, [...head, ...cacheFrom, ...cacheTo, ...tag, '--load', '/repo/app']],
    [2, 'passes build args, platform, network and builder', {}, { buildArgs: ['A=1', 'B=x y'], platform: 'linux/amd64', network: 'none', builder: 'ci' },
      [...head, '--build-arg', 'A=1', '--build-arg', 'B=x y', '--platform', 'linux/amd64', '--network', 'none', '--builder', 'ci', ...cacheFrom, ...cacheTo, ...tag, '--load', '/repo/app']],
    [3, 'leaves out --cache-to when the builder cannot export', {}, { canExportCache: false }, [...head, ...cacheFrom, ...tag, '--load', '/repo/app']],
    [4, 'leaves out --cache-to when the plan writes nothing', { cacheTo: null }, {}, [...head, ...cacheFrom, ...tag, '--load', '/repo/app']],
    [5, 'builds an unnamed last stage without --target', { targetFlag: undefined, cacheFrom: [], cacheTo: null }, {}, [...head.slice(0, 5), ...tag, '--load', '/repo/app']],
    [6, 'writes an OCI archive when loading is not possible', { cacheFrom: [], cacheTo: null }, { output: 'oci', ociDest: '/out/a.tar' }, [...head, ...tag, '--output', 'type=oci,dest=/out/a.tar', '/repo/app']],
    [7, 'pushes the push tags and still loads on a non-docker driver', { cacheFrom: [], cacheTo: null }, { push: true, driver: 'docker-container' },
      [...head, ...tag, '--tag', 'r/c:img_app-dockerfile_builder_feat', '--load', '--push', '/repo/app']],
    [8, 'pushes without --load on the docker driver (the image stays in the engine)', { cacheFrom: [], cacheTo: null }, { push: true, driver: 'docker' },
      [...head, ...tag, '--tag', 'r/c:img_app-dockerfile_builder_feat', '--push', '/repo/app']],
    [9, 'writes the metadata file', { cacheFrom: [], cacheTo: null }, { metadataFile: '/t/m.json' }, [...head, ...tag, '--load', '--metadata-file', '/t/m.json', '/repo/app']],
    [10, 'pushes a build stage to its image tag to be measured there, without loading it', { cacheFrom: [], cacheTo: null, measureRef: 'r/c:img_app-dockerfile_builder_feat', load: false }, { driver: 'docker-container' },
      [...head, '--tag', 'r/c:img_app-dockerfile_builder_feat', '--push', '/repo/app']],
    [11, 'pushes a final stage to its image tag and loads it too', { cacheFrom: [], cacheTo: null, measureRef: 'r/c:img_app-dockerfile_builder_feat' }, { driver: 'docker-container' },
      [...head, '--tag', 'r/c:img_app-dockerfile_builder_feat', '--load', '--push', '/repo/app']],
    [12, 'pushes to the image tag once when push is on as well, never the local name', { cacheFrom: [], cacheTo: null, measureRef: 'r/c:img_app-dockerfile_builder_feat' }, { push: true, driver: 'docker' },
      [...head, '--tag', 'r/c:img_app-dockerfile_builder_feat', '--push', '/repo/app']]
  ])('%i: %s', (_n, _name, over, options, expected) => {
    expect(buildxArgs({ ...plan, ...over }, options)).toEqual(expected);
  });
});

describe('imageNameFor', () => {
  test.each([
    [1, 'Dockerfile', 'builder', undefined, '', 'stageguard/dockerfile:builder'],
    [2, 'services/API/Dockerfile.prod', 'stage-1', undefined, '', 'stageguard/services-api-dockerfile-prod:stage-1'],
    [3, 'Dockerfile', 'app', 'sgtest-build/x', '-base', 'sgtest-build/x/dockerfile:app-base']
  ])('%i: names (%s, %s) deterministically', (_n, df, target, prefix, suffix, expected) => {
    expect(imageNameFor(df, target, prefix, suffix)).toBe(expected);
  });
});

describe('shellCommand', () => {
  it('quotes only the arguments that need it', () => {
    expect(shellCommand('docker', ['build', '--build-arg', "A=it's", 'x y', 'a=b,c'])).toBe(`docker build --build-arg 'A=it'\\''s' 'x y' a=b,c`);
  });
});

describe('reproduceCommand', () => {
  it.each([
    [
      1,
      ['buildx', 'build', '--progress=rawjson', '--file', '/repo/app/Dockerfile', '--target', 'builder', '--metadata-file', '/tmp/m.json', '/repo/app'],
      '/repo',
      'docker buildx build --file app/Dockerfile --target builder app'
    ],
    [2, ['buildx', 'build', '--progress', 'rawjson', '--file', '/repo/Dockerfile', '/repo'], '/repo/', 'docker buildx build --file Dockerfile .'],
    [3, ['buildx', 'build', '--build-arg', 'A=b c', '/elsewhere/ctx'], '/repo', "docker buildx build --build-arg 'A=b c' /elsewhere/ctx"],
    [4, ['buildx', 'build', '--file', '/repo/Dockerfile', '/repo'], undefined, 'docker buildx build --file /repo/Dockerfile /repo']
  ])('%i: drops machine flags and names paths from the repository root', (_n, args, root, expected) => {
    expect(reproduceCommand(args as string[], root as string | undefined)).toBe(expected);
  });
});
