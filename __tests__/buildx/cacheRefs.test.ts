import { cacheRef, cacheRefsFor, cacheTag, cacheWriteRefusal, tagPart, type CacheRefInput } from '../../src/buildx/cacheRefs';

const R = 'ghcr.io/org/app/cache';
const base: CacheRefInput = { cacheRepository: R, dockerfile: 'Dockerfile', target: 'builder', branch: 'feat', baseBranch: 'main', event: 'pull_request', isFork: false, defaultBranch: 'main' };
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

describe('cacheRefsFor', () => {
  test.each<[number, string, Partial<CacheRefInput>, string[], string | null]>([
    [1, 'a PR reads its own then the base ref and writes its own', {}, [`${R}:dockerfile_builder_feat`, `${R}:dockerfile_builder_main`], `${R}:dockerfile_builder_feat`],
    [2, 'a fork PR reads but writes nothing', { isFork: true }, [`${R}:dockerfile_builder_feat`, `${R}:dockerfile_builder_main`], null],
    [3, 'a push to the default branch reads and writes the default ref', { event: 'push', branch: 'main', baseBranch: undefined }, [`${R}:dockerfile_builder_main`], `${R}:dockerfile_builder_main`],
    [4, 'a push to another branch falls back on the default ref', { event: 'push', branch: 'dev', baseBranch: undefined }, [`${R}:dockerfile_builder_dev`, `${R}:dockerfile_builder_main`], `${R}:dockerfile_builder_dev`],
    [5, 'no cache repository means no refs', { cacheRepository: '' }, [], null],
    [6, 'a PR whose head branch is named like its base writes nothing', { branch: 'main' }, [`${R}:dockerfile_builder_main`], null],
    [7, 'a PR into a release branch also reads the default branch', { baseBranch: 'release' }, [`${R}:dockerfile_builder_feat`, `${R}:dockerfile_builder_release`, `${R}:dockerfile_builder_main`], `${R}:dockerfile_builder_feat`],
    [8, 'a pull_request_target build is a PR too', { event: 'pull_request_target', branch: 'main' }, [`${R}:dockerfile_builder_main`], null]
  ])('%i: %s', (_n, _name, over, from, to) => {
    const refs = cacheRefsFor({ ...base, ...over });
    expect(refs.from).toEqual(from);
    expect(refs.to).toBe(to);
  });

  it('refuses a PR write to the base ref with a message that names the branch', () => {
    const refs = cacheRefsFor({ ...base, branch: 'main' });
    expect(refs.refusal).toMatch(/Refusing to write the registry cache .* protected branch "main"/);
  });

  it('never lets a PR branch that sanitizes like the base branch write the base ref', () => {
    const refs = cacheRefsFor({ ...base, branch: 'release-1-2', baseBranch: 'release/1.2' });
    expect(refs.to).not.toBe(cacheRef(R, 'Dockerfile', 'builder', 'release/1.2'));
    expect(refs.to).not.toBeNull();
  });

  it('lets a push write any ref', () => {
    expect(cacheWriteRefusal(`${R}:dockerfile_builder_main`, { ...base, event: 'push', branch: 'main' })).toBeUndefined();
  });
});

describe('cacheTag', () => {
  test.each([
    [1, 'Dockerfile', 'builder', 'main', 'dockerfile_builder_main'],
    [2, 'services/api/Dockerfile', 'build-env', 'main', 'services-api-dockerfile_build-env_main'],
    [3, 'Dockerfile', 'builder', 'feature/login', /^dockerfile_builder_feature-login-[0-9a-f]{8}$/],
    [4, 'Dockerfile', 'Builder', 'Main', /^dockerfile_builder_main-[0-9a-f]{8}$/],
    [5, 'a/'.repeat(100) + 'Dockerfile', 't'.repeat(200), 'b'.repeat(300), TAG]
  ])('%i: tags (%s, %s, %s) validly', (_n, df, target, branch, expected) => {
    const tag = cacheTag(df, target, branch);
    expect(tag).toMatch(TAG);
    if (typeof expected === 'string') expect(tag).toBe(expected);
    else expect(tag).toMatch(expected);
  });

  it('gives different tags to branches that sanitize alike', () => {
    expect(cacheTag('Dockerfile', 'b', 'release/1.2')).not.toBe(cacheTag('Dockerfile', 'b', 'release-1.2'));
    expect(cacheTag('Dockerfile', 'b', 'release-1.2')).not.toBe(cacheTag('Dockerfile', 'b', 'release-1-2'));
  });

  it('never puts an underscore inside a part, so the three parts split back unambiguously', () => {
    expect(tagPart('my_file__x', 40)).toBe('my-file-x');
    expect(cacheTag('a_b', 'c_d', 'e').split('_')).toHaveLength(3);
  });
});
