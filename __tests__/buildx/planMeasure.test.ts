import { parseDockerfile } from '../../src/dockerfile/parse';
import { planBuilds, type PlanOptions } from '../../src/buildx/plan';

const model = parseDockerfile('app/Dockerfile', 'FROM debian AS builder\nRUN make\nFROM debian AS runtime\nCOPY --from=builder /out /out\n');
const base: PlanOptions = { root: '/repo', cacheRepository: 'r/c', branch: 'feat', baseBranch: 'main', defaultBranch: 'main', event: 'pull_request', measureInRegistry: true };

describe('which images are pushed to be measured, and which are loaded', () => {
  test.each<[string, Partial<PlanOptions>, [string, string | undefined, boolean | undefined][]]>([
    ['a pull request pushes both to its own img_ tags and loads only the final stage', {}, [
      ['builder', 'r/c:img_app-dockerfile_builder_feat', false],
      ['runtime', 'r/c:img_app-dockerfile_runtime_feat', undefined]
    ]],
    ['load: true loads the build stage too', { loadAll: true }, [
      ['builder', 'r/c:img_app-dockerfile_builder_feat', undefined],
      ['runtime', 'r/c:img_app-dockerfile_runtime_feat', undefined]
    ]],
    ['a fork pushes nothing and loads everything', { isFork: true }, [
      ['builder', undefined, undefined],
      ['runtime', undefined, undefined]
    ]],
    ['a head branch named like the base pushes nothing', { branch: 'main' }, [
      ['builder', undefined, undefined],
      ['runtime', undefined, undefined]
    ]],
    ['without a cache repository nothing is pushed', { cacheRepository: undefined }, [
      ['builder', undefined, undefined],
      ['runtime', undefined, undefined]
    ]],
    ['measuring in the registry turned off pushes nothing', { measureInRegistry: false }, [
      ['builder', undefined, undefined],
      ['runtime', undefined, undefined]
    ]]
  ])('%s', (_name, over, want) => {
    expect(planBuilds([model], { ...base, ...over }).plans.map(p => [p.target, p.measureRef, p.load])).toEqual(want);
  });
});
