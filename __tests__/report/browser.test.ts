import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderComment, renderSummary } from '../../src/report/markdown';
import type { Report } from '../../src/report/types';
import { browserUnavailableReason, COMMENT_WIDTH, gfmToHtml, measureMarkdown, screenshotMarkdown } from '../support/browser';
import { passingReport } from './fixtures';
import { describeNeeding } from '../support/engine';

jest.setTimeout(180_000);

/**
 * The comment and the job summary as GitHub shows them: cmark-gfm's HTML with GitHub's stylesheet in headless
 * Chromium, every folded part opened. The realistic report is a real run's (__tests__/explain/explain.itg.test.ts with
 * STAGEGUARD_WRITE_EXAMPLE=1, which also refreshes the README's screenshot from this file).
 */
const ROOT = path.join(__dirname, '..', '..');
const realistic = (): Report => JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'report', 'realistic-report.json'), 'utf8')) as Report;

function regression(): Report {
  const r = passingReport();
  r.sizes[0] = { ...r.sizes[0], uncompressed: 80_000_000, delta: { compressed: 11_600_000, uncompressed: 29_000_000 } };
  r.gates = [{ kind: 'max-increase', subject: 'api/Dockerfile (final)', message: 'grew 56.9% (max-increase 10%)' }];
  r.verdict = { failed: true, reasons: ['api/Dockerfile (final) grew 56.9% over max-increase 10%', '1 findings at or above error'] };
  return r;
}

describeNeeding('the report in a browser, as GitHub renders it', browserUnavailableReason(), 'cmark-gfm and chromium', 'Install Debian\'s cmark-gfm and chromium (.ci/run does).', () => {
  it.each<[string, () => string]>([
    ['the realistic comment', () => renderComment(realistic())],
    ['the realistic job summary', () => renderSummary(realistic())],
    ['a passing comment with two Dockerfiles', () => renderComment(passingReport())],
    ['a failing comment over budget', () => renderComment(regression())]
  ])('lays out %s with every table keeping its columns and nothing wider than a comment', (_name, render) => {
    const m = measureMarkdown(render());
    expect(m.width).toBeGreaterThanOrEqual(COMMENT_WIDTH - 1);
    expect(m.tables.length).toBeGreaterThan(0);
    for (const t of m.tables) {
      expect({ table: t.text, rows: [...new Set(t.rows)] }).toEqual({ table: t.text, rows: [t.header] });
      expect({ table: t.text, scrolls: t.scrolls }).toEqual({ table: t.text, scrolls: false });
    }
    expect(m.overflow).toEqual([]);
  });

  it('finds an overflow when there is one (a table too wide for a comment)', () => {
    const wide = `| ${Array.from({ length: 14 }, (_, i) => `column ${i}`).join(' | ')} |\n|${'---|'.repeat(14)}\n| ${Array.from({ length: 14 }, () => '`123456789.0 MB`').join(' | ')} |\n`;
    const m = measureMarkdown(wide);
    expect(m.tables[0]).toMatchObject({ header: 14, rows: [14], scrolls: true });
    expect(m.overflow.length).toBeGreaterThan(0);
  });

  it('renders the comment\'s folded parts as details, its tables as tables', () => {
    const html = gfmToHtml(renderComment(realistic()));
    expect(html).toContain('<details><summary>All package changes in app/Dockerfile (runtime)');
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th>Image<\/th>/);
  });

  // only when asked, and only then a test at all: it rewrites files under docs/
  if (process.env.STAGEGUARD_WRITE_EXAMPLE === '1') it('refreshes the README\'s screenshot of the realistic comment when asked', () => {
    const comment = renderComment(realistic());
    fs.writeFileSync(path.join(ROOT, 'docs', 'comment-realistic.md'), comment);
    const png = path.join(ROOT, 'docs', 'comment-realistic.png');
    screenshotMarkdown(comment, png, 1640);
    expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  });
});
