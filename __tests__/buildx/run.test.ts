import * as fs from 'node:fs';
import * as path from 'node:path';
import { builderFlag, cacheWarnings, failedBecauseOfCache, unreachableRegistry } from '../../src/buildx/run';
import { parseRawJsonProgress } from '../../src/buildx/progress';
import type { BuildPlan } from '../../src/buildx/args';

const capture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'build', `rawjson-${name}.txt`), 'utf8');
const plan: BuildPlan = { dockerfile: 'Dockerfile', file: '/r/Dockerfile', context: '/r', target: 'app', image: 'i:app', cacheFrom: [], cacheTo: '127.0.0.1:5999/c:x', pushTags: [] };

describe('cache warnings', () => {
  test.each([
    [1, 'failed to configure registry cache importer: r:t: not found', false],
    [2, 'failed to do request: Head "https://127.0.0.1:5999/v2/c/manifests/x": dial tcp 127.0.0.1:5999: connect: connection refused', true],
    [3, 'failed to do request: Head "https://nope.invalid/v2/": dial tcp: lookup nope.invalid: no such host', true]
  ])('%i: tells whether "%s" means the registry is unreachable', (_n, error, expected) => {
    expect(unreachableRegistry(error as string)).toBe(expected);
  });

  it('warns about the unreachable registry and the skipped export of the registry-down capture', () => {
    const w = cacheWarnings(plan, parseRawJsonProgress(capture('registry-down')));
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/could not be read .*connection refused/);
    expect(w[1]).toMatch(/exporting the cache to 127.0.0.1:5999\/c:x failed/);
  });

  it('does not warn about a plain cache miss', () => {
    expect(cacheWarnings(plan, parseRawJsonProgress(capture('cold')))).toEqual([]);
  });

  it('does not blame the cache for a failing RUN', () => {
    expect(failedBecauseOfCache(parseRawJsonProgress(capture('failing')), 'ERROR: failed to solve: process did not complete')).toBe(false);
  });

  it('blames the cache when buildx failed on the cache and no step failed', () => {
    expect(failedBecauseOfCache(parseRawJsonProgress(''), 'ERROR: failed to solve: failed to configure registry cache importer: boom')).toBe(true);
  });
});

describe('builderFlag', () => {
  it.each([
    [1, undefined, undefined],
    [2, { name: 'default', driver: 'docker', canExportCache: true }, undefined],
    [3, { name: 'default', driver: 'docker', canExportCache: true, requested: true }, 'default'],
    [4, { name: 'ci-builder', driver: 'docker-container', canExportCache: true }, 'ci-builder'],
    [5, { name: 'remote', driver: 'remote', canExportCache: true, requested: true }, 'remote']
  ])('%i: passes --builder only for a builder that is not the implicit default', (_n, builder, expected) => {
    expect(builderFlag(builder)).toBe(expected);
  });
});
