import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseRawJsonProgress, RawJsonProgress, stepKeyword } from '../../src/buildx/progress';

// Captured from `docker buildx build --progress=rawjson` on Docker 26.1 / buildx 0.13 (see the fixture Dockerfiles).
const capture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'build', `rawjson-${name}.txt`), 'utf8');

describe('parseRawJsonProgress', () => {
  test.each([
    // [#, capture, total, cached, executed, failed]
    [1, 'cold', 4, 0, 4, false],
    [2, 'warm', 4, 4, 0, false],
    [3, 'failing', 1, 0, 1, true],
    [4, 'registry-down', 6, 2, 4, false]
  ])('%i: counts the steps of the %s build (total %i, cached %i, executed %i)', (_n, name, total, cached, executed, failed) => {
    const p = parseRawJsonProgress(capture(name as string));
    expect({ total: p.total, cached: p.cached, executed: p.executed }).toEqual({ total, cached, executed });
    expect(p.failedVertex !== undefined).toBe(failed);
  });

  it('counts a FROM neither as cached nor as executed, and internal vertices not at all', () => {
    // In the cold capture the FROM vertex is marked cached (base image present) yet is not counted.
    const p = parseRawJsonProgress(capture('cold'));
    expect(p.cached).toBe(0);
    expect(p.total).toBe(4); // WORKDIR, COPY, RUN, RUN of the builder stage
  });

  it('reports the failing RUN with its own log lines and error as the log tail', () => {
    const p = parseRawJsonProgress(capture('failing'));
    expect(p.failedVertex).toMatch(/^\[broken 2\/2\] RUN echo/);
    expect(p.logTail).toContain("error: widget.c:42: expected ';'");
    expect(p.logTail).toContain('exit code: 3');
  });

  it('reads a cache import miss from the importing-cache-manifest vertex error', () => {
    const p = parseRawJsonProgress(capture('cold'));
    expect(p.cacheImports).toEqual([
      { ref: 'localhost:5000/sgtest-build/capture:builder', hit: false, error: expect.stringContaining('not found') }
    ]);
  });

  it('reads one cache import hit and one miss when two refs are imported', () => {
    const p = parseRawJsonProgress(capture('warm'));
    expect(p.cacheImports.map(i => [i.ref, i.hit])).toEqual([
      ['localhost:5000/sgtest-build/capture:builder-nonexist', false],
      ['localhost:5000/sgtest-build/capture:builder', true]
    ]);
  });

  it('reports an unreachable registry on import and a failed cache export with ignore-error', () => {
    const p = parseRawJsonProgress(capture('registry-down'));
    expect(p.cacheImports[0].error).toMatch(/connection refused/);
    expect(p.cacheExportError).toMatch(/connection refused/);
    expect(p.failedVertex).toBeUndefined();
  });

  test.each([[1], [7], [64], [4096]])('%i: gives the same summary when the output arrives in chunks of that size', size => {
    for (const name of ['cold', 'warm', 'failing', 'registry-down']) {
      const text = capture(name);
      const stream = new RawJsonProgress();
      for (let i = 0; i < text.length; i += size) stream.feed(Buffer.from(text.slice(i, i + size)));
      expect(stream.summary()).toEqual(parseRawJsonProgress(text));
    }
  });

  it('ignores braces in the plain-text error trailer that follows the JSON objects', () => {
    const text = `${capture('failing')}\n   3 | >>> RUN echo \${NONCE} {oops\n}\nERROR: failed to solve\n`;
    const p = parseRawJsonProgress(text);
    expect(p.total).toBe(1);
    expect(p.failedVertex).toBeDefined();
  });

  it('returns the text trailer as the log tail when no step failed', () => {
    const p = parseRawJsonProgress('{\n  "vertexes": []\n}\nERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file\n');
    expect(p.logTail).toBe('ERROR: failed to solve: failed to read dockerfile: open Dockerfile: no such file');
  });

  test.each([
    [1, '[builder 2/5] WORKDIR /src', 'WORKDIR'],
    [2, '[stage-1 3/3] RUN wc -l /app/sums.txt', 'RUN'],
    [3, '[linux/arm64 builder 1/5] FROM localhost:5000/busybox:1', 'FROM'],
    [4, '[internal] load build definition from Dockerfile', undefined],
    [5, 'exporting to image', undefined],
    [6, 'importing cache manifest from r:t', undefined]
  ])('%i: finds the keyword of the vertex "%s"', (_n, name, keyword) => {
    expect(stepKeyword(name)).toBe(keyword);
  });
});
