import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { explainCacheMiss, firstExecutedStep, fromDigests, instructionOfStep, underSource, type CacheMissInput } from '../../src/buildx/cacheMiss';
import { parseRawJsonProgress, type ProgressStep } from '../../src/buildx/progress';
import { parseDockerfile } from '../../src/dockerfile/parse';

/**
 * The captures are `docker buildx build --progress=rawjson` of the realistic fixture (Debian base, a builder with gcc)
 * on the real engine: `rawjson-miss-run.txt` after a PR added `RUN apt-get install curl` to the runtime stage,
 * `rawjson-miss-copy.txt` after it then changed src/hello.c.
 */
const capture = (name: string): ProgressStep[] => parseRawJsonProgress(readFileSync(path.join(__dirname, '..', 'fixtures', 'build', name), 'utf8')).steps;

const BASE = `FROM localhost:5000/debian-minbase:bookworm AS builder
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev
WORKDIR /src
COPY src/ .
RUN gcc -O2 -o /hello hello.c

FROM localhost:5000/debian-minbase:bookworm AS runtime
ENV APP_HOME=/app
COPY --from=builder /hello /usr/local/bin/hello
CMD ["hello"]
`;
const PR = BASE.replace(
  'COPY --from=builder',
  'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\nCOPY --from=builder'
);
const base = parseDockerfile('Dockerfile', BASE);
const pr = parseDockerfile('Dockerfile', PR);
const DIGEST = 'localhost:5000/debian-minbase:bookworm@sha256:0bc7d27248d422e05569505d82391ca2d86999f6c03953c7382ba5aa21eb9d89';

function input(over: Partial<CacheMissInput>): CacheMissInput {
  return { steps: capture('rawjson-miss-run.txt'), model: pr, context: 'app', changedFiles: ['app/Dockerfile'], baseModel: base, cacheHit: true, ...over };
}

describe('progress steps', () => {
  it('lists every Dockerfile step of the capture with its stage, position, cache state and time', () => {
    const steps = capture('rawjson-miss-run.txt');
    expect(steps.map(s => `${s.stage} ${s.index}/${s.count} ${s.keyword} ${s.cached ? 'cached' : 'ran'}`).sort()).toEqual([
      'builder 1/5 FROM cached',
      'builder 2/5 RUN cached',
      'builder 3/5 WORKDIR cached',
      'builder 4/5 COPY cached',
      'builder 5/5 RUN cached',
      'runtime 2/3 RUN ran',
      'runtime 3/3 COPY ran'
    ]);
    expect(steps.find(s => s.keyword === 'RUN' && s.stage === 'runtime')!.seconds).toBeGreaterThan(1);
  });

  it('reads the digest the FROM resolved to', () => {
    expect(fromDigests(capture('rawjson-miss-run.txt'))).toEqual([DIGEST]);
  });

  it('picks the step that started first among those that ran', () => {
    expect(firstExecutedStep(capture('rawjson-miss-run.txt'))!.text).toMatch(/^RUN apt-get update .*curl/);
    expect(firstExecutedStep(capture('rawjson-miss-copy.txt'))!.text).toBe('COPY src/ .');
  });

  it('finds no first miss when every step came from the cache', () => {
    expect(firstExecutedStep(capture('rawjson-miss-run.txt').map(s => ({ ...s, cached: true })))).toBeNull();
  });
});

describe('instructionOfStep', () => {
  it.each([
    [{ stage: 'runtime', index: 2, count: 3, keyword: 'RUN', text: 'RUN apt-get update' }, 9],
    [{ stage: 'runtime', index: 3, count: 3, keyword: 'COPY', text: 'COPY --from=builder /hello /usr/local/bin/hello' }, 11],
    [{ stage: 'builder', index: 4, count: 5, keyword: 'COPY', text: 'COPY src/ .' }, 4],
    // counted differently (another BuildKit): found by its text
    [{ stage: 'builder', index: 9, count: 9, keyword: 'COPY', text: 'COPY src/ .' }, 4],
    [{ stage: 'nope', index: 2, count: 3, keyword: 'RUN', text: 'RUN x' }, null]
  ])('maps %j to line %p', (step, line) => {
    expect(instructionOfStep(pr, step)?.instruction.range.line ?? null).toBe(line);
  });

  it('maps the steps of a single unnamed stage and of unnamed stages among others', () => {
    const one = parseDockerfile('Dockerfile', 'FROM a\nRUN x\n');
    expect(instructionOfStep(one, { stage: null, index: 2, count: 2, keyword: 'RUN', text: 'RUN x' })?.instruction.range.line).toBe(2);
    const two = parseDockerfile('Dockerfile', 'FROM a\nRUN x\nFROM b\nCOPY --from=0 / /\n');
    expect(instructionOfStep(two, { stage: 'stage-1', index: 2, count: 2, keyword: 'COPY', text: 'COPY --from=0 / /' })?.instruction.range.line).toBe(4);
  });
});

describe('underSource', () => {
  it.each([
    ['src/app.py', 'src/', true],
    ['src/app.py', './src', true],
    ['srcx/app.py', 'src', false],
    ['app.py', '.', true],
    ['app.py', 'app.py', true],
    ['lib/app.py', '*.py', false],
    ['app.py', '*.py', true],
    ['a/b/c.txt', 'a/*/c.txt', true],
    ['a/b/c.txt', 'a/?/c.txt', true],
    ['a/bb/c.txt', 'a/?/c.txt', false],
    ['x', '*a*a*a*a*a*a*a*a*a*a*a*b', true]
  ])('says whether %s is under the source %s: %p', (file, src, want) => {
    expect(underSource(file, src)).toBe(want);
  });
});

describe('explainCacheMiss', () => {
  it('says the RUN the PR added missed because it is new', () => {
    expect(explainCacheMiss(input({}))).toEqual({
      line: 9,
      instruction: 'RUN apt-get update && apt-get install -y --no-install-recommends curl     && rm -rf /var/lib/apt/lists/*',
      stage: 'runtime',
      cause: 'instruction-changed',
      detail: 'this instruction is new or changed in this pull request'
    });
  });

  it('names the changed files under a COPY that missed', () => {
    const miss = explainCacheMiss(input({ steps: capture('rawjson-miss-copy.txt'), baseModel: pr, changedFiles: ['app/src/hello.c', 'docs/x.md'] }));
    expect(miss).toMatchObject({ line: 4, instruction: 'COPY src/ .', cause: 'files-changed', files: ['app/src/hello.c'], detail: 'app/src/hello.c changed' });
  });

  it('names five changed files and counts the rest', () => {
    const changed = Array.from({ length: 7 }, (_, i) => `app/src/f${i}.c`);
    const miss = explainCacheMiss(input({ steps: capture('rawjson-miss-copy.txt'), baseModel: pr, changedFiles: changed }));
    expect(miss!.files).toEqual(changed.slice(0, 5));
    expect(miss!.detail).toBe(`${changed.slice(0, 5).join(', ')} and 2 more changed`);
  });

  it('blames an ENV changed before the step', () => {
    const edited = parseDockerfile('Dockerfile', PR.replace('ENV APP_HOME=/app', 'ENV APP_HOME=/srv'));
    const before = parseDockerfile('Dockerfile', PR);
    const miss = explainCacheMiss(input({ model: edited, baseModel: before }));
    expect(miss).toMatchObject({ line: 9, cause: 'earlier-instruction', detail: 'L8 `ENV APP_HOME=/srv` changed before it' });
  });

  it('blames a base image that resolved to another digest than on the base branch', () => {
    const miss = explainCacheMiss(input({ fromDigests: [DIGEST], baseFromDigests: [DIGEST.replace('0bc7', 'ffff')] }));
    expect(miss).toMatchObject({ cause: 'base-image', detail: 'the base image `localhost:5000/debian-minbase:bookworm` resolved to another digest than on the base branch' });
  });

  it('blames a build arg passed to the step when nothing else changed', () => {
    const withArg = parseDockerfile('Dockerfile', PR.replace('ENV APP_HOME=/app', 'ARG GIT_SHA'));
    const miss = explainCacheMiss(input({ model: withArg, baseModel: withArg, changedFiles: [], buildArgs: ['GIT_SHA=abc'] }));
    expect(miss).toMatchObject({ cause: 'build-arg' });
    expect(miss!.detail).toMatch(/^the build arg `GIT_SHA` is passed/);
  });

  it('says no cache existed when nothing was imported and nothing was cached', () => {
    const cold = capture('rawjson-miss-run.txt').map(s => ({ ...s, cached: false, started: s.started ?? '2026-12-01T21:16:34Z' }));
    const miss = explainCacheMiss(input({ steps: cold, baseModel: pr, cacheHit: false }));
    expect(miss).toMatchObject({ line: 9, cause: 'no-cache' });
  });

  it('says it does not know when the cache was there and nothing changed', () => {
    expect(explainCacheMiss(input({ baseModel: pr, changedFiles: [] }))).toMatchObject({ line: 9, cause: 'unknown' });
  });

  it('says the stage is new when the base commit lacks it', () => {
    const single = parseDockerfile('Dockerfile', 'FROM localhost:5000/debian-minbase:bookworm AS other\nRUN true\n');
    expect(explainCacheMiss(input({ baseModel: single }))).toMatchObject({ cause: 'instruction-changed', detail: 'the stage is new in this pull request' });
  });

  it('finds nothing to explain when every step came from the cache', () => {
    expect(explainCacheMiss(input({ steps: capture('rawjson-miss-run.txt').map(s => ({ ...s, cached: true })) }))).toBeNull();
  });
});
