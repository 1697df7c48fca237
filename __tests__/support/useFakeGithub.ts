import { startFakeGithub, type FakeGithub } from './fakeGithub';

/**
 * Starts the local GitHub API before the tests of the enclosing `describe` (or file) and stops it after them. Call it
 * where `beforeAll` may be called; `prepare` runs first in the same hook (e.g. to check that the bundle exists).
 * Returns a getter, because the server exists only once the hook has run.
 */
export function useFakeGithub(prepare?: () => void): () => FakeGithub {
  let github: FakeGithub | undefined;
  beforeAll(async () => {
    prepare?.();
    github = await startFakeGithub();
  });
  afterAll(async () => {
    await github?.stop();
  });
  return () => {
    if (!github) throw new Error('the fake GitHub API is not running: use it inside a test or a hook, after useFakeGithub() registered its beforeAll');
    return github;
  };
}
