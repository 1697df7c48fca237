import { renderComment, renderLintMarkdown } from '../../src/report/markdown';
import { finding, lintReport, passingReport } from './fixtures';

function markedReport() {
  const report = passingReport();
  const lint = lintReport([
    {
      path: 'api/Dockerfile',
      violations: [
        { ...finding('apt-pin-versions', 'warning', 4, 'Pin versions in apt-get install: wget', ['DL3008']), status: 'new' as const },
        { ...finding('json-args-recommended', 'warning', 9, 'JSON arguments recommended for CMD', ['JSONArgsRecommended']), status: 'existing' as const }
      ]
    }
  ]);
  lint.files[0].fixed = 2;
  lint.summary = { ...lint.summary, new: 1, existing: 1, fixed: 2 };
  return { ...report, lint };
}

describe('the comment against a base', () => {
  it('leads with the new findings, folds the existing ones and says how many were fixed', () => {
    const body = renderComment(markedReport());
    const section = body.slice(body.indexOf('#### Violations'));
    expect(section).toContain('**1 new finding**, 1 existing, 2 findings fixed since the base.');
    expect(section).toContain('api/Dockerfile: 1 new, 1 existing');
    const newRow = section.indexOf('wget |');
    const folded = section.indexOf('<summary>1 existing finding (already on the base)</summary>');
    const oldRow = section.indexOf('JSON arguments recommended for CMD');
    expect(newRow).toBeGreaterThan(0);
    expect(folded).toBeGreaterThan(newRow);
    expect(oldRow).toBeGreaterThan(folded);
    expect(body).toContain('1 new, 1 existing, 2 fixed');
  });

  it('says only how many were fixed when nothing is left', () => {
    const r = markedReport();
    r.lint.files[0].violations = [];
    r.lint.summary = { ...r.lint.summary, violations: 0, bySeverity: { error: 0, warning: 0, info: 0, style: 0 }, new: 0, existing: 0, fixed: 2 };
    expect(renderLintMarkdown(r.lint)).toContain('No findings; 2 findings fixed since the base.');
  });

  it('renders as before without a base', () => {
    const body = renderComment(passingReport());
    expect(body).not.toContain('existing');
    expect(body).not.toContain('fixed since the base');
  });
});
