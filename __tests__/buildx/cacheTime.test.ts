import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cacheAdvice, cacheTimeOf, stepKey, stepSecondsOf, type CacheTime } from '../../src/buildx/cacheTime';
import { parseRawJsonProgress } from '../../src/buildx/progress';
import { stepHistory } from '../../src/pipeline/explain';
import { cacheSummary, cacheTimeCell } from '../../src/report/explain';

/** Captures of the real engine: see cacheMiss.test.ts; rawjson-cold.txt imports and exports a registry cache. */
const capture = (name: string) => parseRawJsonProgress(readFileSync(path.join(__dirname, '..', 'fixtures', 'build', name), 'utf8'));

describe('step timings', () => {
  it('keeps the seconds of each step that ran, by stage and instruction', () => {
    const secs = stepSecondsOf(capture('rawjson-miss-run.txt').steps);
    expect(Object.keys(secs).sort()).toEqual([
      'runtime COPY --from=builder /hello /usr/local/bin/hello',
      'runtime RUN apt-get update && apt-get install -y --no-install-recommends curl     && rm -rf /var/lib/apt/lists/*'
    ]);
    // 21:16:34.78 → 21:16:41.81 in the capture
    expect(secs['runtime RUN apt-get update && apt-get install -y --no-install-recommends curl     && rm -rf /var/lib/apt/lists/*']).toBeCloseTo(7.03, 1);
  });

  it('says what the cached steps took when they last ran, from a previous run\'s timings', () => {
    const cold = capture('rawjson-miss-run.txt');
    const previous = { [stepKey({ stage: 'builder', text: 'RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev' })]: 21.5, 'builder RUN gcc -O2 -o /hello hello.c': 0.4 };
    const t = cacheTimeOf(cold, previous);
    expect(t).toMatchObject({ cachedSteps: 4, knownSteps: 2, savedSeconds: 21.9, importSeconds: 0, exportSeconds: 0, exportedLayers: 0 });
    expect(t.executedSeconds).toBeGreaterThan(7);
    expect(cacheTimeOf(cold).savedSeconds).toBeNull();
  });

  it('measures the time spent importing and exporting a registry cache and the layers exported', () => {
    const t = cacheTimeOf(capture('rawjson-cold.txt'));
    // importing cache manifest 23:03:23.666 → .670; exporting cache to registry 23.923 → 23.996; five `writing layer`
    expect(t).toMatchObject({ importSeconds: 0, exportSeconds: 0.1, exportedLayers: 5 });
  });

  it('reads the step timings of a previous report and ignores what is not a timing', () => {
    const h = stepHistory({ builds: [{ dockerfile: 'a/Dockerfile', target: 'x', stepSeconds: { 'x RUN a': 3, 'x RUN b': 'slow', 'x RUN c': -1 } }, { dockerfile: 1 }, null] });
    expect([...h]).toEqual([['a/Dockerfile#x', { 'x RUN a': 3 }]]);
    expect(stepHistory('nonsense').size).toBe(0);
  });
});

const time = (over: Partial<CacheTime>): CacheTime => ({ importSeconds: 1, exportSeconds: 8, exportedLayers: 3, executedSeconds: 30, cachedSteps: 0, savedSeconds: null, knownSteps: 0, ...over });

describe('cacheAdvice', () => {
  it.each<[string, Partial<CacheTime>, boolean]>([
    ['an export that saved nothing', {}, true],
    ['an export longer than what it saved', { cachedSteps: 2, savedSeconds: 3, knownSteps: 2 }, true],
    ['an export that paid for itself', { cachedSteps: 2, savedSeconds: 40, knownSteps: 2 }, false],
    ['a short export', { exportSeconds: 2 }, false],
    ['cached steps of unknown worth', { cachedSteps: 3 }, false]
  ])('advises on %s: %p', (_name, over, advised) => {
    const a = cacheAdvice(time(over));
    expect(a !== null).toBe(advised);
    if (a) expect(a).toContain('`mode=min`');
  });
});

describe('rendering the cache time', () => {
  it.each<[Partial<CacheTime>, string]>([
    [{ cachedSteps: 4, savedSeconds: 21.9, knownSteps: 2 }, 'saved ~21.9 s; import 1 s, export 8 s (3 layers)'],
    [{ cachedSteps: 4, importSeconds: 0, exportSeconds: 0, exportedLayers: 0 }, '4 cached, time saved unknown'],
    [{ importSeconds: 0, exportedLayers: 1 }, 'nothing cached; export 8 s (1 layer)']
  ])('renders %j as %s', (over, want) => {
    expect(cacheTimeCell({ cacheTime: time(over) })).toBe(want);
  });

  it('totals every build and advises mode=min where the export does not pay', () => {
    const b = (target: string, over: Partial<CacheTime>) => ({ dockerfile: 'app/Dockerfile', target, ok: true, seconds: 1, image: null, steps: { total: 1, cached: 0, executed: 1 }, cacheFrom: [], cacheTo: null, error: null, cacheTime: time(over) });
    expect(cacheSummary({ builds: [b('builder', { cachedSteps: 3, savedSeconds: 40, knownSteps: 3 }), b('runtime', {})] })).toBe(
      'The cache saved ~40 s; importing it took 2 s and exporting it 16 s, across 2 builds.\n' +
        '- 💡 `app/Dockerfile (runtime)`: exporting the cache took 8 s, more than the 0 s it saved; for a stage that changes on every run, export with `mode=min` (only the final stage\'s layers) or not at all.'
    );
    expect(cacheSummary({ builds: [] })).toBeNull();
  });
});
