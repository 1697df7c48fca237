import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Rule } from '../../src/lint/rule';
import { annotationsFor, capAnnotations } from '../../src/report/annotations';
import { serializeReport, writeReportJson } from '../../src/report/json';
import { artifactUri, renderSarif, sarifCapNote } from '../../src/report/sarif';
import { finding, lintReport, passingReport } from './fixtures';

const rule = (id: string, severity: Rule['severity'], aliases: string[], scorecard = false): Rule => ({
  id,
  severity,
  aliases,
  scorecard,
  description: `${id} description`,
  help: `Why ${id} matters.`,
  check: () => []
});
const RULES = [rule('non-root-user', 'warning', ['DL3002'], true), rule('apt-pin-versions', 'info', ['DL3008']), rule('healthcheck', 'warning', ['DL3057'], true)];

describe('renderSarif', () => {
  const lint = lintReport([
    { path: './api/Dockerfile', violations: [{ ...finding('apt-pin-versions', 'info', 4, 'Pin \x1b[31mcurl\x1b[0m', ['DL3008']), column: 5, endColumn: 30 }] },
    { path: 'web dir/Dockerfile', violations: [{ ...finding('parse-error', 'error', 2, 'unknown instruction FORM'), endLine: 3, endColumn: 4 }] }
  ]);
  const sarif = JSON.parse(renderSarif(lint, RULES, [{ path: 'api/Dockerfile', finding: finding('image-wasted-space', 'warning', 9, '12 MB wasted') }], '0.1.0'));
  const run = sarif.runs[0];

  it('is SARIF 2.1.0 with the registry sorted and unknown rule ids appended', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(run.tool.driver.name).toBe('stageguard');
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(['apt-pin-versions', 'healthcheck', 'non-root-user', 'parse-error', 'image-wasted-space']);
  });

  it('describes each rule with help, a default level and hadolint tags', () => {
    expect(run.tool.driver.rules[2]).toMatchObject({
      id: 'non-root-user',
      shortDescription: { text: 'non-root-user description' },
      fullDescription: { text: 'non-root-user description' },
      help: { text: 'Why non-root-user matters.', markdown: 'Why non-root-user matters.' },
      defaultConfiguration: { level: 'warning' },
      properties: { tags: ['dockerfile', 'multi-stage-scorecard', 'hadolint:DL3002'] }
    });
  });

  it.each([
    [0, { ruleId: 'apt-pin-versions', ruleIndex: 0, level: 'note', uri: 'api/Dockerfile', region: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 30 }, text: 'Pin curl' }],
    [1, { ruleId: 'parse-error', ruleIndex: 3, level: 'error', uri: 'web%20dir/Dockerfile', region: { startLine: 2, startColumn: 1, endLine: 3, endColumn: 4 }, text: 'unknown instruction FORM' }],
    [2, { ruleId: 'image-wasted-space', ruleIndex: 4, level: 'warning', uri: 'api/Dockerfile', region: { startLine: 9, startColumn: 1, endLine: 9, endColumn: 20 }, text: '12 MB wasted' }]
  ])('maps result %i to a relative location with a region', (i, e) => {
    const r = run.results[i];
    expect({ ruleId: r.ruleId, ruleIndex: r.ruleIndex, level: r.level, uri: r.locations[0].physicalLocation.artifactLocation.uri, region: r.locations[0].physicalLocation.region, text: r.message.text }).toEqual(e);
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it.each([
    ['./a/Dockerfile', 'a/Dockerfile'],
    ['a\\b\\Dockerfile', 'a/b/Dockerfile'],
    ['/abs/Dockerfile', 'abs/Dockerfile'],
    ['x#y.Dockerfile', 'x%23y.Dockerfile']
  ])('writes the artifact URI of %s as %s', (input, uri) => {
    expect(artifactUri(input)).toBe(uri);
  });
});

describe('report JSON', () => {
  it('serialises with the same bytes whatever the key insertion order', () => {
    const a = passingReport();
    const b = JSON.parse(JSON.stringify(a), (_k, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v));
    expect(serializeReport(b)).toBe(serializeReport(a));
    expect(Object.keys(JSON.parse(serializeReport(a))).slice(0, 4)).toEqual(['tool', 'context', 'verdict', 'lint']);
    expect(JSON.parse(serializeReport(a))).toEqual(JSON.parse(JSON.stringify(a)));
  });

  it('writes the report file, creating its directory', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sg-json-'));
    try {
      const file = path.join(dir, 'nested', 'report.json');
      await writeReportJson(passingReport(), file);
      expect(readFileSync(file, 'utf8')).toBe(serializeReport(passingReport()));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('annotationsFor', () => {
  it('puts errors first, then warnings, then notices, with plain one-line messages', () => {
    const report = passingReport();
    report.lint = lintReport([
      { path: './b/Dockerfile', violations: [finding('apt-pin-versions', 'info', 4, 'pin\nit', ['DL3008']), finding('consecutive-run', 'style', 8, 'merge')] },
      { path: 'a/Dockerfile', violations: [finding('healthcheck', 'warning', 12, 'no \x1b[1mHEALTHCHECK\x1b[0m', ['DL3057']), { ...finding('parse-error', 'error', 2, 'bad'), endLine: 5 }] }
    ]);
    report.imageFindings = [{ path: 'a/Dockerfile', finding: finding('image-size', 'error', 1, 'over max-size') }];
    const out = annotationsFor(report);
    expect(out.map(a => `${a.level} ${a.file}:${a.startLine}`)).toEqual(['error a/Dockerfile:1', 'error a/Dockerfile:2', 'warning a/Dockerfile:12', 'notice b/Dockerfile:4', 'notice b/Dockerfile:8']);
    expect(out[1]).toEqual({ level: 'error', message: 'bad', file: 'a/Dockerfile', startLine: 2, endLine: 5, title: 'stageguard parse-error' });
    expect(out[2]).toMatchObject({ message: 'no HEALTHCHECK', startColumn: 1, endColumn: 20, title: 'stageguard healthcheck (DL3057)' });
    expect(out[3].message).toBe('pin it');
  });
});

describe('the caps of code scanning and of the runner', () => {
  const many = (n: number, severity: Rule['severity'], from = 1) => Array.from({ length: n }, (_, i) => finding('apt-pin-versions', severity, from + i, `finding ${from + i}`));

  it('writes the most severe results up to the cap, with a notification that says how many were left out', () => {
    const lint = lintReport([{ path: 'Dockerfile', violations: [...many(6, 'info'), ...many(5, 'error', 100), ...many(4, 'warning', 200)] }]);
    const run = JSON.parse(renderSarif(lint, RULES, [], '0.1.0', 8)).runs[0];
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'error', 'error', 'error', 'warning', 'warning', 'warning']);
    // within a severity, the file's order stays
    expect(run.results.slice(0, 5).map((r: { locations: { physicalLocation: { region: { startLine: number } } }[] }) => r.locations[0].physicalLocation.region.startLine)).toEqual([100, 101, 102, 103, 104]);
    expect(run.invocations[0].toolExecutionNotifications[0]).toEqual({ level: 'warning', message: { text: expect.stringMatching(/the 8 most severe of 15 findings: code scanning accepts at most 8 results per run/) } });
  });

  it('leaves a run under the cap whole and without a notification', () => {
    const run = JSON.parse(renderSarif(lintReport([{ path: 'Dockerfile', violations: many(3, 'info') }]), RULES, [], '0.1.0', 3)).runs[0];
    expect(run.results).toHaveLength(3);
    expect(run.invocations).toBeUndefined();
  });

  it.each<[number, string | null]>([
    [25_000, null],
    [25_001, 'The SARIF file holds the 25,000 most severe of 25,001 findings: code scanning accepts at most 25,000 results per run. Every finding is in the JSON report.']
  ])('notes %d findings as %j', (n, note) => {
    expect(sarifCapNote(n)).toBe(note);
  });

  it('keeps at most 10 annotations of each level, most severe first, and counts the rest', () => {
    const report = { lint: lintReport([{ path: 'Dockerfile', violations: [...many(12, 'style'), ...many(11, 'error', 100), ...many(3, 'warning', 200), ...many(2, 'info', 300)] }]), imageFindings: [] };
    const { shown, omitted } = capAnnotations(annotationsFor(report));
    expect(shown.map(a => a.level).join(',')).toBe([...Array(10).fill('error'), ...Array(3).fill('warning'), ...Array(10).fill('notice')].join(','));
    expect(omitted).toBe(1 + 4);
    expect(capAnnotations([]).omitted).toBe(0);
  });
});
