import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { mergeCommand, parseMergeArgs } from '../../src/cli/merge';
import { parsePlanArgs, planCommand } from '../../src/cli/plan';
import { parseRunArgs } from '../../src/cli/run';
import { parseInputs } from '../../src/inputs';
import { serializePartial } from '../../src/shard/merge';
import { readPartialReports } from '../../src/shard/run';
import { passingReport } from '../report/fixtures';

const raw =
  (values: Record<string, string>) =>
  (name: string): string =>
    values[name] ?? '';

describe('the monorepo inputs', () => {
  test.each<[string, Record<string, string>, object]>([
    ['default to one job (mode run)', {}, { mode: 'run', 'max-shards': 8, shard: '', 'partial-reports': [], 'expected-shards': '', 'fail-in-shard': false, history: '' }],
    ['read mode case-insensitively', { mode: 'Plan' }, { mode: 'plan' }],
    ['read max-shards as a number', { 'max-shards': '3' }, { 'max-shards': 3 }],
    ['read partial-reports as a list of globs', { 'partial-reports': 'partials/**/*.json\nextra/*.json' }, { 'partial-reports': ['partials/**/*.json', 'extra/*.json'] }],
    ['keep a JSON shard as written', { shard: ' {"shard":"1","dockerfiles":["a/Dockerfile"]} ' }, { shard: '{"shard":"1","dockerfiles":["a/Dockerfile"]}' }],
    ['read fail-in-shard as a boolean', { 'fail-in-shard': 'true' }, { 'fail-in-shard': true }]
  ])('%s', (_name, values, expected) => {
    expect(parseInputs(raw(values))).toMatchObject(expected);
  });
  test.each([
    ['an unknown mode', { mode: 'matrix' }, /Input "mode" must be one of run, plan, shard, report/],
    ['zero shards', { 'max-shards': '0' }, /Input "max-shards" must be a whole number of at least 1/]
  ])('refuse %s, naming the input', (_name, values, message) => {
    expect(() => parseInputs(raw(values))).toThrow(message);
  });
  it('are all declared in action.yml, with the outputs the modes set', () => {
    const action = parseYaml(fs.readFileSync(path.resolve(__dirname, '..', '..', 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    for (const name of Object.keys(parseInputs(raw({})))) expect(Object.keys(action.inputs)).toContain(name);
    for (const name of ['matrix', 'shard-count', 'shards', 'partial-report']) expect(Object.keys(action.outputs)).toContain(name);
  });
});

describe('stageguard plan arguments', () => {
  test.each<[string, string[], object]>([
    ['defaults', [], { paths: [], maxShards: 8, format: 'json', targets: [] }],
    ['paths and max shards', ['svc', 'web/Dockerfile', '--max-shards', '3'], { paths: ['svc', 'web/Dockerfile'], maxShards: 3 }],
    ['--opt=value forms', ['--max-shards=2', '--format=markdown', '--history=prev.json'], { maxShards: 2, format: 'markdown', historyFile: 'prev.json' }],
    ['targets as a list', ['--targets', 'builder,final'], { targets: ['builder', 'final'] }]
  ])('reads %s', (_name, argv, expected) => {
    expect(parsePlanArgs(argv)).toMatchObject(expected);
  });
  test.each([
    [['--max-shards', '0'], /--max-shards must be a whole number/],
    [['--format', 'yaml'], /--format must be one of json\|markdown, got yaml/],
    [['--nope'], /unknown option --nope/],
    [['--history'], /--history needs a value/]
  ])('refuses %j', (argv, message) => {
    expect(() => parsePlanArgs(argv)).toThrow(message);
  });
});

describe('stageguard merge arguments', () => {
  test.each<[string, string[], object]>([
    ['files and a count', ['a.json', 'b/*.json', '--expected-shards', '3'], { files: ['a.json', 'b/*.json'], expected: ['1', '2', '3'] }],
    ['names and json', ['x.json', '--expected-shards=1,2', '--format', 'json'], { expected: ['1', '2'], format: 'json' }],
    ['fail-on', ['x.json', '--fail-on', 'warning'], { failOn: 'warning' }]
  ])('reads %s', (_name, argv, expected) => {
    expect(parseMergeArgs(argv)).toMatchObject(expected);
  });
  test.each([
    [[], /give the partial report files/],
    [['x.json', '--fail-on', 'loud'], /--fail-on must be one of/],
    [['x.json', '--format', 'html'], /--format must be one of markdown\|comment\|json, got html/]
  ])('refuses %j', (argv, message) => {
    expect(() => parseMergeArgs(argv)).toThrow(message);
  });
});

describe('stageguard run --shard arguments', () => {
  test.each<[string, string[], object]>([
    ['a JSON shard with its partial report file', ['--shard', '{"shard":"1","dockerfiles":[]}', '--partial-report', 'p.json'], { shard: '{"shard":"1","dockerfiles":[]}', partialReportFile: 'p.json' }],
    ['a shard name with the plan options', ['--shard', '2', '--partial-report', 'p.json', '--max-shards', '3', '--history', 'h.json'], { shard: '2', maxShards: 3, historyFile: 'h.json' }]
  ])('reads %s', (_name, argv, expected) => {
    expect(parseRunArgs(argv)).toMatchObject(expected);
  });
  test.each([
    [['--shard', '1'], /--shard needs --partial-report/],
    [['--partial-report', 'p.json'], /--partial-report needs --shard/]
  ])('refuses %j', (argv, message) => {
    expect(() => parseRunArgs(argv)).toThrow(message);
  });
});

describe('stageguard plan and merge on real files', () => {
  let dir: string;
  const out: string[] = [];
  const err: string[] = [];
  const io = (): { stdout(s: string): void; stderr(s: string): void; cwd: string } => ({ stdout: s => void out.push(s), stderr: s => void err.push(s), cwd: dir });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-shard-cli-'));
    out.length = 0;
    err.length = 0;
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('plans every Dockerfile of a folder into at most max-shards shards, each Dockerfile once', async () => {
    for (let i = 0; i < 7; i++) {
      fs.mkdirSync(path.join(dir, `svc${i}`));
      fs.writeFileSync(path.join(dir, `svc${i}`, 'Dockerfile'), `FROM localhost:5000/busybox:1\n${'RUN echo x\n'.repeat(i + 1)}`);
    }
    expect(await planCommand(['--max-shards', '3'], io())).toBe(0);
    const matrix = JSON.parse(out.join('')) as { include: { shard: string; dockerfiles: string[]; cost: number }[] };
    expect(matrix.include.map(e => e.shard)).toEqual(['1', '2', '3']);
    expect(matrix.include.flatMap(e => e.dockerfiles).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `svc${i}/Dockerfile`));
    const costs = matrix.include.map(e => e.cost);
    expect(Math.max(...costs) - Math.min(...costs)).toBeLessThanOrEqual(Math.max(...costs) / 2);
  });

  it('warns and still plans when the history file is not JSON', async () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM localhost:5000/busybox:1\n');
    fs.writeFileSync(path.join(dir, 'prev.json'), 'nope');
    expect(await planCommand(['--history', 'prev.json'], io())).toBe(0);
    expect(err.join('')).toMatch(/history file .*prev\.json could not be read/);
    expect(JSON.parse(out.join('')).include).toHaveLength(1);
  });

  it('merges partial reports found by a glob and fails naming the shard that is missing', async () => {
    fs.mkdirSync(path.join(dir, 'partials', 'stageguard-1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'partials', 'stageguard-1', 'p.json'), serializePartial({ shard: '1', name: 'one', dockerfiles: ['api/Dockerfile', 'web/Dockerfile'] }, passingReport()));
    expect(await mergeCommand(['partials/**/*.json', '--expected-shards', '2', '--format', 'json'], io())).toBe(1);
    const report = JSON.parse(out.join('')) as { missingShards: string[]; builds: unknown[] };
    expect(report.missingShards).toEqual(['shard 2: no partial report was found']);
    expect(report.builds).toHaveLength(2);
    expect(err.join('')).toMatch(/missing shard report: shard 2/);
  });

  it('passes when every expected shard is there', async () => {
    fs.writeFileSync(path.join(dir, 'p1.json'), serializePartial({ shard: '1', name: 'one', dockerfiles: ['api/Dockerfile', 'web/Dockerfile'] }, passingReport()));
    expect(await mergeCommand(['p1.json', '--expected-shards', '1'], io())).toBe(0);
    expect(out.join('')).toMatch(/stageguard: passed/);
  });

  it('names a glob that matches nothing instead of ignoring it', async () => {
    const inputs = await readPartialReports(['nothing/*.json'], dir);
    expect(inputs).toEqual([{ source: 'nothing/*.json', text: null, error: 'no file matches it' }]);
    expect(await mergeCommand(['nothing/*.json'], io())).toBe(1);
    expect(err.join('')).toMatch(/nothing\/\*\.json could not be read \(no file matches it\)/);
  });
});
