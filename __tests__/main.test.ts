import { mainImage, withConfigChanges, withInputErrors, withPublishNotes } from '../src/main';
import { image, passingReport } from './report/fixtures';

describe('mainImage (the size-* outputs)', () => {
  // api/Dockerfile built its builder stage first and its final stage last, web/Dockerfile only its final stage
  const report = passingReport();
  report.builds.unshift({ ...report.builds[0], target: 'builder' });
  report.sizes = [
    { ...image('api/Dockerfile', 'builder', 900, null), final: false },
    { ...image('api/Dockerfile', 'App', 48.2, 51.0), final: true },
    { ...image('web/Dockerfile', 'web', 12.0, null), final: true }
  ];
  report.builds[1].target = 'App';

  it.each([
    ['', 'api/Dockerfile', 'App'],
    ['web/Dockerfile:web', 'web/Dockerfile', 'web'],
    ['api/Dockerfile', 'api/Dockerfile', 'App'],
    ['./api/Dockerfile', 'api/Dockerfile', 'App'],
    ['api/Dockerfile:app', 'api/Dockerfile', 'App'],
    ['api/Dockerfile:builder', 'api/Dockerfile', 'builder']
  ])('picks %j as %s (%s)', (wanted, dockerfile, target) => {
    expect(mainImage(report, wanted)).toMatchObject({ dockerfile, target });
  });

  it('gives nothing for a target that was not measured', () => {
    expect(mainImage(report, 'api/Dockerfile:nope')).toBeUndefined();
  });
});

describe('what the action adds to a report before it publishes it', () => {
  it('names invalid inputs first among the reasons of a failed verdict', () => {
    const r = withInputErrors(passingReport(), ['Input "fail-on" must be one of …; got "loud".']);
    expect(r.verdict).toEqual({ failed: true, reasons: ['Input "fail-on" must be one of …; got "loud".'] });
    expect(r.warnings[0]).toMatch(/fail-on/);
    expect(withInputErrors(passingReport(), [])).toEqual(passingReport());
  });

  it.each<[string[], string, boolean, string[] | undefined, string]>([
    [['.hadolint.yaml', 'api/Dockerfile'], '', false, ['.hadolint.yaml'], 'floor'],
    [['ci/sg.yml'], 'ci/sg.yml', true, ['ci/sg.yml'], 'trust-config'],
    [['.stageguard.yml'], 'ci/sg.yml', false, undefined, 'floor']
  ])('a merged report of a PR changing %j (config %j, trust %s) names %j', (changed, config, trust, expected, gates) => {
    const r = withConfigChanges(passingReport(), changed, { config, 'trust-config': trust });
    expect(r.configChanges).toEqual(expected);
    expect(r.policy?.gates).toBe(gates);
  });

  it('notes the SARIF cap only when a SARIF file is written and the findings pass 25,000', () => {
    const big = { ...passingReport() };
    big.lint = { ...big.lint, summary: { ...big.lint.summary, violations: 25_001 } };
    expect(withPublishNotes(big, { 'sarif-file': 'x.sarif' }).warnings.at(-1)).toMatch(/25,000 most severe of 25,00\d findings/);
    expect(withPublishNotes(big, { 'sarif-file': '' })).toBe(big);
    expect(withPublishNotes(passingReport(), { 'sarif-file': 'x.sarif' }).warnings).toEqual(passingReport().warnings);
  });
});
