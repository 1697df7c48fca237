import { parseDockerfile } from '../../src/dockerfile/parse';
import {
  estimateCosts,
  expectedShardNames,
  heuristicCost,
  historyFromReport,
  packLongestFirst,
  parseMatrixEntry,
  planMatrix,
  renderPlanMarkdown,
  shardName,
  workFor,
  type ShardWork
} from '../../src/shard/plan';

const work = (dockerfile: string, stages: number, steps: number, runs: number, knownSeconds: number | null = null): ShardWork => ({
  dockerfile,
  targets: ['final'],
  stages,
  steps,
  runs,
  knownSeconds
});

describe('packLongestFirst (greedy longest-processing-time bin packing)', () => {
  test.each([
    ['puts nothing in no bin', [], 3, []],
    ['gives each item its own bin when there are bins enough', [['a', 5], ['b', 3]], 4, [['a'], ['b']]],
    ['never makes more bins than max-shards', [['a', 1], ['b', 1], ['c', 1], ['d', 1]], 2, [['a', 'c'], ['b', 'd']]],
    ['puts everything in one bin with max-shards 1', [['a', 4], ['b', 2]], 1, [['a', 'b']]],
    ['places the costliest first and each next item on the lightest bin', [['a', 7], ['b', 5], ['c', 4], ['d', 3], ['e', 1]], 2, [['a', 'd'], ['b', 'c', 'e']]],
    ['breaks cost ties by id so the plan is deterministic', [['z', 2], ['y', 2], ['x', 2]], 2, [['x', 'z'], ['y']]],
    ['keeps a single huge item alone and packs the rest elsewhere', [['big', 100], ['s1', 1], ['s2', 1], ['s3', 1]], 2, [['big'], ['s1', 's2', 's3']]],
    ['balances the classic LPT example within 4/3 of optimal', [['a', 3], ['b', 3], ['c', 2], ['d', 2], ['e', 2]], 2, [['a', 'c', 'e'], ['b', 'd']]]
  ] as [string, [string, number][], number, string[][]][])('%s', (_name, items, max, expected) => {
    const bins = packLongestFirst(
      items.map(([id, cost]) => ({ id, cost })),
      max
    );
    expect(bins.map(b => b.items.map(i => i.id))).toEqual(expected);
    for (const b of bins) expect(b.cost).toBeCloseTo(b.items.reduce((n, i) => n + i.cost, 0));
  });
});

describe('estimateCosts', () => {
  test.each([
    ['uses the heuristic when there is no history', [work('a', 2, 4, 2), work('b', 1, 1, 0)], [2 * 2 + 4 + 3 * 2, 2 * 1 + 1]],
    ['uses the last known build time when there is one', [work('a', 2, 4, 2, 30), work('b', 1, 1, 0, 2.5)], [30, 2.5]],
    // a: heuristic 14, known 28 → scale 2; b: heuristic 3 → 6
    ['scales the heuristic of unknown Dockerfiles by the known ones', [work('a', 2, 4, 2, 28), work('b', 1, 1, 0)], [28, 6]],
    ['never costs a Dockerfile nothing', [work('empty', 0, 0, 0), work('fast', 1, 0, 0, 0)], [0.1, 0.1]]
  ] as [string, ShardWork[], number[]][])('%s', (_name, items, expected) => {
    expect(estimateCosts(items)).toEqual(expected);
  });

  it('weighs RUN steps above other steps', () => {
    expect(heuristicCost({ stages: 1, steps: 2, runs: 2 })).toBeGreaterThan(heuristicCost({ stages: 1, steps: 2, runs: 0 }));
  });
});

describe('workFor', () => {
  const model = parseDockerfile(
    'svc/Dockerfile',
    `FROM localhost:5000/busybox:1 AS deps
RUN echo deps > /deps
FROM deps AS builder
COPY . /src
RUN echo build > /out
FROM localhost:5000/busybox:1 AS unused
RUN echo never
FROM localhost:5000/busybox:1
COPY --from=builder /out /out
CMD ["cat", "/out"]
`
  );
  it('counts the stages, steps and RUN steps the targets need, not unused stages', () => {
    const w = workFor(model);
    expect(w.targets).toEqual(['deps', 'builder', 'stage-3']);
    expect({ stages: w.stages, steps: w.steps, runs: w.runs }).toEqual({ stages: 3, steps: 5, runs: 2 });
  });
  it('follows a targets override', () => {
    const w = workFor(model, { targets: ['deps'] });
    expect(w.targets).toEqual(['deps']);
    expect({ stages: w.stages, steps: w.steps, runs: w.runs }).toEqual({ stages: 1, steps: 1, runs: 1 });
  });
});

describe('historyFromReport', () => {
  test.each([
    ['sums the build seconds per Dockerfile', { builds: [{ dockerfile: 'a/Dockerfile', seconds: 3.2 }, { dockerfile: 'a/Dockerfile', seconds: 1.1 }, { dockerfile: 'b/Dockerfile', seconds: 9 }] }, [['a/Dockerfile', 4.3], ['b/Dockerfile', 9]]],
    ['ignores entries without a number of seconds', { builds: [{ dockerfile: 'a', seconds: 'x' }, { seconds: 3 }, null] }, []],
    ['gives nothing for something that is not a report', { hello: 1 }, []],
    ['gives nothing for null', null, []]
  ] as [string, unknown, [string, number][]][])('%s', (_name, json, expected) => {
    expect([...historyFromReport(json)]).toEqual(expected);
  });
});

describe('planMatrix', () => {
  const df = (p: string, runs: number): ReturnType<typeof parseDockerfile> =>
    parseDockerfile(p, `FROM localhost:5000/busybox:1\n${Array.from({ length: runs }, (_, i) => `RUN echo ${i}`).join('\n')}\n`);

  it('makes one entry per shard with the Dockerfiles sorted, a name and the summed cost', () => {
    const m = planMatrix([df('a/Dockerfile', 1), df('b/Dockerfile', 5), df('c/Dockerfile', 2)], { maxShards: 2 });
    expect(m.include).toEqual([
      { shard: '1', name: 'b', dockerfiles: ['b/Dockerfile'], cost: 22 },
      { shard: '2', name: 'a (+1 more)', dockerfiles: ['a/Dockerfile', 'c/Dockerfile'], cost: 6 + 10 }
    ]);
  });
  it('carries a targets override in every entry', () => {
    const m = planMatrix([df('a/Dockerfile', 1)], { maxShards: 3, targets: ['final'] });
    expect(m.include[0].targets).toEqual(['final']);
  });
  it('uses history to move a slow Dockerfile into its own shard', () => {
    const history = new Map([['a/Dockerfile', 120], ['b/Dockerfile', 5], ['c/Dockerfile', 3]]);
    const m = planMatrix([df('a/Dockerfile', 1), df('b/Dockerfile', 5), df('c/Dockerfile', 2)], { maxShards: 2, history });
    expect(m.include[0].dockerfiles).toEqual(['a/Dockerfile']);
  });
  it('plans nothing for no Dockerfile', () => {
    expect(planMatrix([], { maxShards: 4 })).toEqual({ include: [] });
    expect(renderPlanMarkdown({ include: [] })).toContain('Nothing to build');
  });
  it('escapes file names in the markdown plan', () => {
    const md = renderPlanMarkdown({ include: [{ shard: '1', name: 'x', dockerfiles: ['a`b/<img src=x>/Dockerfile'], cost: 1 }] });
    expect(md).toContain('``a`b/<img src=x>/Dockerfile``');
  });
});

describe('shardName', () => {
  test.each([
    [[], 'empty'],
    [['Dockerfile'], 'Dockerfile'],
    [['services/api/Dockerfile'], 'services/api'],
    [['services/api/Dockerfile', 'web/Dockerfile'], 'services/api (+1 more)']
  ])('names %j %s', (files, expected) => {
    expect(shardName(files)).toBe(expected);
  });
});

describe('parseMatrixEntry', () => {
  test.each([
    ['reads a full entry', '{"shard":"2","name":"x","dockerfiles":["a/Dockerfile"],"cost":3}', { shard: '2', name: 'x', dockerfiles: ['a/Dockerfile'], cost: 3 }],
    ['accepts a numeric shard and fills the name', '{"shard":1,"dockerfiles":["b/Dockerfile"]}', { shard: '1', name: 'b', dockerfiles: ['b/Dockerfile'], cost: 0 }],
    ['keeps targets', '{"shard":"1","dockerfiles":[],"targets":["final"]}', { shard: '1', name: 'empty', dockerfiles: [], targets: ['final'], cost: 0 }]
  ])('%s', (_name, text, expected) => {
    expect(parseMatrixEntry(text)).toEqual(expected);
  });
  test.each([
    ['not JSON', '{shard', /not valid JSON/],
    ['an array', '[1]', /JSON object/],
    ['no shard name', '{"dockerfiles":[]}', /no "shard"/],
    ['dockerfiles not a list', '{"shard":"1","dockerfiles":"a"}', /list of paths/],
    ['targets not a list', '{"shard":"1","dockerfiles":[],"targets":"x"}', /list of stage names/]
  ])('refuses %s with a clear message', (_name, text, message) => {
    expect(() => parseMatrixEntry(text)).toThrow(message);
  });
});

describe('expectedShardNames', () => {
  test.each([
    ['', null],
    ['3', ['1', '2', '3']],
    ['0', []],
    ['1,2, 4', ['1', '2', '4']],
    ['a\nb', ['a', 'b']],
    ['["1","2"]', ['1', '2']],
    ['{"include":[{"shard":"1"},{"shard":"2"}]}', ['1', '2']]
  ])('reads %j as %j', (spec, expected) => {
    expect(expectedShardNames(spec)).toEqual(expected);
  });
});
