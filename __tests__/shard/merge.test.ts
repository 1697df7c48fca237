import { renderComment, renderSummary } from '../../src/report/markdown';
import type { Report } from '../../src/report/types';
import { mergeReports, parsePartial, PARTIAL_KIND, serializePartial, type PartialInput } from '../../src/shard/merge';
import { finding, image, lintReport } from '../report/fixtures';

/** A shard's report for some Dockerfiles: one build and one size per Dockerfile, plus the given findings. */
function shardReport(files: string[], o: { failedBuild?: string; errorFinding?: string; gates?: Report['gates']; reasons?: string[] } = {}): Report {
  const builds = files.map(f => ({
    dockerfile: f,
    target: 'final',
    ok: f !== o.failedBuild,
    seconds: 2,
    image: f === o.failedBuild ? null : `stageguard/${f}:final`,
    steps: { total: 3, cached: 0, executed: 2 },
    cacheFrom: [],
    cacheTo: null,
    error: f === o.failedBuild ? 'exit 1' : null
  }));
  const gates: Report['gates'] = [...(o.gates ?? [])];
  for (const b of builds) if (!b.ok) gates.push({ kind: 'build', subject: `${b.dockerfile} (${b.target})`, message: 'build failed' });
  if (o.errorFinding) gates.push({ kind: 'lint', subject: `${o.errorFinding}:1`, message: 'error no-latest: pin the tag' });
  const reasons = [...(o.reasons ?? [])];
  if (o.failedBuild) reasons.push(`1 of ${builds.length} builds failed`);
  if (o.errorFinding) reasons.push('1 findings at or above error');
  for (const g of o.gates ?? []) reasons.push(g.message);
  return {
    tool: { name: 'stageguard', version: '0.1.0' },
    context: { repository: 'acme/mono', headSha: 'abcdef1234567', eventName: 'pull_request' },
    lint: lintReport(files.map(f => ({ path: f, violations: f === o.errorFinding ? [finding('no-latest', 'error', 1, 'pin the tag')] : [finding('healthcheck', 'warning', 2, 'no HEALTHCHECK')] }))),
    builds,
    buildCommands: files.map(f => `docker buildx build -f ${f} .`),
    sizes: files.filter(f => f !== o.failedBuild).map(f => image(f, 'final', 10, 9)),
    imageFindings: [],
    gates,
    skipped: [],
    warnings: [],
    verdict: { failed: reasons.length > 0, reasons }
  };
}

const partial = (shard: string, files: string[], o: Parameters<typeof shardReport>[1] = {}): PartialInput => ({
  source: `artifacts/stageguard-${shard}/stageguard-partial-${shard}.json`,
  text: serializePartial({ shard, name: shard, dockerfiles: files }, shardReport(files, o))
});

describe('parsePartial', () => {
  test.each([
    ['an unreadable file', { source: 'x.json', text: null, error: 'EACCES' }, /could not be read \(EACCES\)/],
    ['corrupt JSON', { source: 'x.json', text: '{"kind": "stageguard/partial' }, /is not valid JSON/],
    ['another kind of JSON (a full report)', { source: 'x.json', text: JSON.stringify(shardReport(['a/Dockerfile'])) }, /is not a stageguard partial report/],
    ['a newer version', { source: 'x.json', text: JSON.stringify({ kind: PARTIAL_KIND, version: 2, shard: { shard: '1', dockerfiles: [] }, report: {} }) }, /has version 2; this stageguard reads version 1/],
    ['no shard name', { source: 'x.json', text: JSON.stringify({ kind: PARTIAL_KIND, version: 1, shard: {}, report: {} }) }, /names no shard/],
    ['a truncated report', { source: 'x.json', text: JSON.stringify({ kind: PARTIAL_KIND, version: 1, shard: { shard: '1', dockerfiles: [] }, report: { lint: { files: [] } } }) }, /incomplete report/]
  ] as [string, PartialInput, RegExp][])('refuses %s, naming the problem', (_name, input, problem) => {
    const r = parsePartial(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatch(problem);
  });
  it('reads a partial report it wrote', () => {
    expect(parsePartial(partial('1', ['a/Dockerfile'])).ok).toBe(true);
  });
});

describe('mergeReports', () => {
  type Case = [string, PartialInput[], string[] | null, { builds: string[]; missing: RegExp[]; failed: boolean; reasons?: RegExp[]; warnings?: RegExp[] }];
  test.each<Case>([
    ['joins every shard in order', [partial('1', ['a/Dockerfile', 'b/Dockerfile']), partial('2', ['c/Dockerfile'])], ['1', '2'], { builds: ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile'], missing: [], failed: false }],
    ['names an expected shard whose report never arrived and fails', [partial('1', ['a/Dockerfile'])], ['1', '2', '3'], {
      builds: ['a/Dockerfile'],
      missing: [/^shard 2: no partial report was found$/, /^shard 3: no partial report was found$/],
      failed: true,
      reasons: [/2 shard reports are missing or corrupt: shard 2: no partial report was found; shard 3/]
    }],
    ['names a corrupt file by its path and the shard it leaves missing', [partial('1', ['a/Dockerfile']), { source: 'artifacts/stageguard-2/stageguard-partial-2.json', text: '{"kind": "stag' }], ['1', '2'], {
      builds: ['a/Dockerfile'],
      missing: [/^artifacts\/stageguard-2\/stageguard-partial-2\.json is not valid JSON/, /^shard 2: no partial report/],
      failed: true
    }],
    ['names a corrupt file even when no shards are expected', [partial('1', ['a/Dockerfile']), { source: 'p.json', text: 'garbage' }], null, { builds: ['a/Dockerfile'], missing: [/^p\.json is not valid JSON/], failed: true }],
    ['refuses a partial report of another version', [{ source: 'old.json', text: JSON.stringify({ kind: PARTIAL_KIND, version: 0, shard: { shard: '1', dockerfiles: [] }, report: {} }) }], ['1'], {
      builds: [],
      missing: [/^old\.json has version 0/, /^shard 1: no partial report/],
      failed: true
    }],
    ['counts a shard given twice with the same content once', [partial('1', ['a/Dockerfile']), { ...partial('1', ['a/Dockerfile']), source: 'copy.json' }], ['1'], {
      builds: ['a/Dockerfile'],
      missing: [],
      failed: false,
      warnings: [/Shard 1 was given twice .* with the same content; it counts once/]
    }],
    ['keeps the first of a shard given twice with different content', [partial('1', ['a/Dockerfile']), { ...partial('1', ['z/Dockerfile']), source: 'other.json' }], ['1'], {
      builds: ['a/Dockerfile'],
      missing: [],
      failed: false,
      warnings: [/Shard 1 was given twice with different content; .* is used and other\.json is ignored/]
    }],
    ['keeps the first shard of a Dockerfile two shards overlap on', [partial('1', ['a/Dockerfile', 'b/Dockerfile']), partial('2', ['b/Dockerfile', 'c/Dockerfile'], { failedBuild: 'b/Dockerfile' })], ['1', '2'], {
      builds: ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile'],
      missing: [],
      failed: false,
      warnings: [/b\/Dockerfile is in shards 1, 2; the results of shard 1 are used/]
    }],
    ['includes an unexpected shard and says so', [partial('1', ['a/Dockerfile']), partial('9', ['z/Dockerfile'])], ['1'], { builds: ['a/Dockerfile', 'z/Dockerfile'], missing: [], failed: false, warnings: [/Shard 9 was not expected/] }],
    ['sums failed builds across shards', [partial('1', ['a/Dockerfile'], { failedBuild: 'a/Dockerfile' }), partial('2', ['b/Dockerfile', 'c/Dockerfile'], { failedBuild: 'c/Dockerfile' })], ['1', '2'], {
      builds: ['a/Dockerfile', 'b/Dockerfile', 'c/Dockerfile'],
      missing: [],
      failed: true,
      reasons: [/^2 of 3 builds failed$/]
    }],
    ['keeps size gates and other errors of a shard', [partial('1', ['a/Dockerfile'], { gates: [{ kind: 'max-size', subject: 'a/Dockerfile (final)', message: 'a/Dockerfile (final) is 12 MB, over max-size 10 MB' }], reasons: ['config: wrong type'] })], ['1'], {
      builds: ['a/Dockerfile'],
      missing: [],
      failed: true,
      reasons: [/^config: wrong type$/, /over max-size 10 MB/]
    }],
    ['merges nothing into a failing report when every shard is missing', [], ['1', '2'], { builds: [], missing: [/shard 1/, /shard 2/], failed: true }]
  ])('%s', (_name, inputs, expected, want) => {
    const r = mergeReports(inputs, { expected });
    expect(r.builds.map(b => b.dockerfile)).toEqual(want.builds);
    expect(r.buildCommands).toHaveLength(r.builds.length);
    expect(r.missingShards).toHaveLength(want.missing.length);
    want.missing.forEach((m, i) => expect(r.missingShards?.[i]).toMatch(m));
    expect(r.verdict.failed).toBe(want.failed);
    for (const re of want.reasons ?? []) expect(r.verdict.reasons.some(x => re.test(x))).toBe(true);
    for (const re of want.warnings ?? []) expect(r.warnings.some(x => re.test(x))).toBe(true);
    // lint summary recomputed from the merged files
    expect(r.lint.summary.files).toBe(r.lint.files.length);
    expect(r.lint.summary.violations).toBe(r.lint.files.reduce((n, f) => n + f.violations.length, 0));
    // one lint file per Dockerfile even when shards overlap
    expect(new Set(r.lint.files.map(f => f.path)).size).toBe(r.lint.files.length);
  });

  test.each([
    ['keeps the shards\u2019 lint gates without fail-on', undefined, 1, true],
    ['re-decides the lint gate with the report job\u2019s fail-on (none)', 'none' as const, 0, false],
    ['re-decides the lint gate with a stricter fail-on (warning)', 'warning' as const, 2, true]
  ])('%s', (_name, failOn, lintGates, failed) => {
    const r = mergeReports([partial('1', ['a/Dockerfile'], { errorFinding: 'a/Dockerfile' }), partial('2', ['b/Dockerfile'])], { expected: ['1', '2'], failOn });
    expect(r.gates.filter(g => g.kind === 'lint' && g.message !== 'build failed')).toHaveLength(lintGates);
    expect(r.verdict.failed).toBe(failed);
  });

  it('takes the report job\u2019s context over the shards\u2019', () => {
    const r = mergeReports([partial('1', ['a/Dockerfile'])], { context: { repository: 'acme/other', pullNumber: 7 } });
    expect(r.context).toEqual({ repository: 'acme/other', pullNumber: 7 });
  });

  it('warns when a shard was made by another stageguard version', () => {
    const r = mergeReports([partial('1', ['a/Dockerfile'])], { toolVersion: '9.9.9' });
    expect(r.warnings.join('\n')).toMatch(/made by stageguard 0\.1\.0; this report job runs 9\.9\.9/);
  });
});

describe('a missing shard in the rendered report', () => {
  const r = mergeReports([partial('1', ['a/Dockerfile'])], { expected: ['1', '2'] });
  it('is named right under the verdict of the comment, before any section', () => {
    const body = renderComment(r);
    const caution = body.indexOf('[!CAUTION]');
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(body.indexOf('####'));
    expect(body).toMatch(/1 shard report missing or corrupt: this report is incomplete/);
    expect(body).toMatch(/❗ shard 2\\?: no partial report was found/);
  });
  it('survives the comment being cut to a tiny limit', () => {
    expect(renderComment(r, { maxChars: 1500 })).toMatch(/shard 2\\?: no partial report was found/);
  });
  it('is in the job summary too', () => {
    expect(renderSummary(r)).toMatch(/shard 2\\?: no partial report was found/);
  });
  it('escapes a hostile artifact path', () => {
    const bad = mergeReports([{ source: '<img src=x onerror=alert(1)>@team.json', text: 'x' }], {});
    expect(renderComment(bad)).not.toMatch(/<img src=x/);
    expect(renderComment(bad)).not.toMatch(/(^|\s)@team/);
  });
});

describe('size budgets of the report job', () => {
  // image(f, 'final', 10, 9): 10 MB now, 9 MB on the base branch (+11%)
  const shards = [partial('1', ['a/Dockerfile']), partial('2', ['b/Dockerfile'], { gates: [{ kind: 'max-size', subject: 'b/Dockerfile (final)', message: 'b is over its shard budget' }] })];
  test.each<[string, Parameters<typeof mergeReports>[1], string[]]>([
    ['keeps the shards\' size gates when the report job sets no budget', { sizeGates: { metric: 'compressed' } }, ['max-size:b/Dockerfile (final)']],
    ['decides max-increase again on the merged sizes', { sizeGates: { metric: 'compressed', maxIncrease: '5%' } }, ['max-size:b/Dockerfile (final)', 'max-increase:a/Dockerfile (final)', 'max-increase:b/Dockerfile (final)']],
    ['replaces the shards\' max-size gates with its own budget', { sizeGates: { metric: 'compressed', maxSize: '1GB' } }, []],
    ['applies a per-image budget it read from the config', { sizeGates: { metric: 'compressed', perImageMaxSize: { 'a/Dockerfile': '1MB' } } }, ['max-size:a/Dockerfile (final)']]
  ])('%s', (_name, o, gates) => {
    const r = mergeReports(shards, o);
    expect(r.gates.filter(g => g.kind !== 'lint' && g.kind !== 'build').map(g => `${g.kind}:${g.subject}`)).toEqual(gates);
    expect(r.verdict.failed).toBe(gates.length > 0);
  });

  it('names a bad budget in the verdict instead of throwing', () => {
    const r = mergeReports(shards, { sizeGates: { metric: 'compressed', maxSize: 'huge' } });
    expect(r.verdict.failed).toBe(true);
    expect(r.verdict.reasons.join('\n')).toMatch(/max-size: "huge" is not a size/);
  });
});

describe('what a shard explains survives the schema', () => {
  it('keeps new/existing statuses, base-image findings, the image-findings policy, cache-miss causes, cache times and packages', () => {
    const r = shardReport(['a/Dockerfile']);
    r.lint.files[0].violations = [{ ...finding('no-latest', 'error', 1, 'pin the tag'), status: 'existing' }];
    r.lint.files[0].fixed = 2;
    const fromBase = { ...finding('image-setuid', 'error', 1, 'setuid binary'), fromBaseImage: 'debian:bookworm' };
    r.imageFindings = [{ path: 'a/Dockerfile', finding: fromBase }];
    r.sizes[0] = { ...r.sizes[0], findings: [fromBase], packages: { against: 'base-branch', added: [{ ecosystem: 'deb', name: 'curl', version: '7.88', bytes: 500_000 }], removed: [], changed: [] } };
    r.builds[0] = {
      ...r.builds[0],
      stepSeconds: { 'RUN make': 4.2 },
      cacheMiss: { line: 3, instruction: 'COPY src/ .', stage: null, cause: 'files-changed', detail: 'src/app.py changed', files: ['src/app.py'] },
      cacheTime: { importSeconds: 1, exportSeconds: 2, exportedLayers: 3, executedSeconds: 4, cachedSteps: 5, savedSeconds: null, knownSteps: 0 }
    };
    r.policy = { imageFindings: 'own', gates: 'floor' };
    const parsed = parsePartial({ source: 'p.json', text: serializePartial({ shard: '1', name: '1', dockerfiles: ['a/Dockerfile'] }, r) });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const got = parsed.partial.report;
    expect(got.lint.files[0]).toMatchObject({ fixed: 2, violations: [{ status: 'existing' }] });
    expect(got.imageFindings[0].finding.fromBaseImage).toBe('debian:bookworm');
    expect(got.sizes[0].packages).toEqual(r.sizes[0].packages);
    expect(got.builds[0]).toMatchObject({ stepSeconds: r.builds[0].stepSeconds, cacheMiss: r.builds[0].cacheMiss, cacheTime: r.builds[0].cacheTime });
    expect(got.policy).toEqual({ imageFindings: 'own', gates: 'floor' });
    // a finding of the base image does not gate in the merge under image-findings: own
    const merged = mergeReports([{ source: 'p.json', text: serializePartial({ shard: '1', name: '1', dockerfiles: ['a/Dockerfile'] }, { ...r, lint: lintReport([{ path: 'a/Dockerfile', violations: [] }]), gates: [], verdict: { failed: false, reasons: [] } }) }], { expected: ['1'], failOn: 'error', toolVersion: '0.1.0' });
    expect(merged.verdict).toEqual({ failed: false, reasons: [] });
  });

  it('refuses a cache-miss cause off its list', () => {
    const r = shardReport(['a/Dockerfile']);
    r.builds[0] = { ...r.builds[0], cacheMiss: { line: 3, instruction: 'x', stage: null, cause: '<img src=x>' as never, detail: 'x' } };
    const parsed = parsePartial({ source: 'p.json', text: serializePartial({ shard: '1', name: '1', dockerfiles: ['a/Dockerfile'] }, r) });
    expect(parsed.ok).toBe(false);
  });
});
