import { touchedByChange } from '../../src/dockerfile/discover';

describe('touchedByChange', () => {
  it.each<[string, string, string, string[], boolean]>([
    ['the Dockerfile itself changed', 'app/Dockerfile', 'app', ['app/Dockerfile'], true],
    ['a file in its build context changed', 'app/Dockerfile', 'app', ['app/src/main.go'], true],
    ['its BuildKit .dockerignore changed', 'Dockerfile.api', 'ctx', ['Dockerfile.api.dockerignore'], true],
    ['only another folder changed', 'app/Dockerfile', 'app', ['web/index.html', 'README.md'], false],
    ['a sibling folder shares the prefix only', 'app/Dockerfile', 'app', ['app2/x'], false],
    ['the context is the repository root', 'docker/api.Dockerfile', '.', ['anything.txt'], true],
    ['nothing changed', 'Dockerfile', 'sub', [], false],
    ['paths come with ./ and trailing slashes', './app/Dockerfile', './app/', ['./app/a.txt'], true]
  ])('%s', (_name, dockerfile, context, changed, expected) => {
    expect(touchedByChange(dockerfile, context, changed)).toBe(expected);
  });
});
