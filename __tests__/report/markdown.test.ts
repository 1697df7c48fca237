import { renderComment, renderLintMarkdown, renderSummary } from '../../src/report/markdown';
import type { Report } from '../../src/report/types';
import { finding, HEAD, image, lintReport, passingReport } from './fixtures';

const EVIL = [
  '<img src=x onerror=alert(1)>',
  '[link](http://evil)',
  '![x](http://evil/x.png)',
  '@someone and @org/team',
  '</details>',
  '<!-- stageguard -->',
  '\x1b[31mred\x1b[0m',
  'a | b `tick`'
].join(' ');

function noSkipped(): Report {
  const r = passingReport();
  return { ...r, builds: [], buildCommands: [], sizes: [], skipped: ['build and size: no Docker engine answers `docker info`'], warnings: [] };
}

function regression(): Report {
  const r = passingReport();
  r.sizes = [image('api/Dockerfile', 'final', 80, 51)];
  r.gates = [{ kind: 'max-increase', subject: 'api/Dockerfile (final)', message: 'grew 56.9% (max-increase 10%)' }];
  r.verdict = { failed: true, reasons: ['api/Dockerfile (final) grew 56.9% over max-increase 10%'] };
  return r;
}

function fork403(): Report {
  const r = passingReport();
  r.warnings = ['could not create the stageguard comment on acme/shop#42: GitHub answered 403 (Resource not accessible by integration).'];
  return r;
}

function huge(): Report {
  const r = passingReport();
  const files = Array.from({ length: 60 }, (_, i) => ({
    path: `services/svc-${i}/Dockerfile`,
    failed: ['slim-base', 'healthcheck'],
    violations: Array.from({ length: 40 }, (_, j) =>
      finding(j % 3 === 0 ? 'apt-pin-versions' : 'consecutive-run', j % 3 === 0 ? 'info' : 'warning', j + 1, `Message number ${j} about RUN apt-get install -y curl wget git build-essential ${'x'.repeat(80)}`)
    )
  }));
  r.lint = lintReport(files);
  r.sizes = Array.from({ length: 40 }, (_, i) => image(`services/svc-${i}/Dockerfile`, 'final', 100 + i, 90));
  r.warnings = Array.from({ length: 100 }, (_, i) => `cache export to localhost:5000 failed for target ${i}`);
  return r;
}

function injection(): Report {
  const r = passingReport();
  r.lint = lintReport([{ path: `evil/<img src=x onerror=alert(1)>@someone.Dockerfile`, failed: ['slim-base'], violations: [finding('copy-instead-of-add', 'error', 3, `ADD ${EVIL}`, ['DL3020'])] }]);
  r.builds = [{ ...r.builds[0], dockerfile: 'evil/Dockerfile', ok: false, error: `#7 ERROR: ${EVIL}\n\`\`\`\n</details>\n@someone` }];
  r.sizes = [{ ...image('evil/Dockerfile', 'final', 10, 9), layerDiff: [{ instruction: `RUN echo ${EVIL}`, change: 'grew', base: 1, pr: 2 }] }];
  r.warnings = [EVIL];
  r.verdict = { failed: true, reasons: [`lint: 1 error in ${EVIL}`] };
  return r;
}

/** What an injection would look like if it got through. */
const LIVE = [/<img/i, /\]\(http:\/\/evil/, /(^|[^\\])\[link\]/, /(^|[^`\\])@someone/m, /(^|[^\\])@org/, /\x1b/, /onerror=alert\(1\)>/];

describe('renderComment', () => {
  it.each([
    ['no engine: lint only, build skipped', noSkipped(), ['### ✅ stageguard: passed (partial: see notes)', '⏭️ skipped: build and size', '#### Scorecard'], ['#### Image sizes', 'xychart-beta']],
    ['all passing', passingReport(), ['### ✅ stageguard: passed', '2 Dockerfiles linted · 1 warning, 1 info · 2/2 targets built', '| `api/Dockerfile` `final` | 20.4 MB → 19.3 MB (🔻 -1.12 MB, -5.5%) | 51.0 MB → 48.2 MB (🔻 -2.80 MB, -5.5%) |', '🆕 new target', 'xychart-beta', '7/7 passed', '6/7 passed', '❌ `healthcheck`: healthcheck failed here', `[L12](https://github.com/acme/shop/blob/${HEAD}/web/Dockerfile#L12)`, '7/9 cached, 12.4 s', '✅ base `api-final-main`', '✅ PR `web-web-feature-slim`', 'multi-stage saves **145 MB (75.0%)**', 'docker buildx build --target final', 'npx stageguard lint -- api/Dockerfile web/Dockerfile'], ['⚠️ **max', '❌ stageguard']],
    ['a regression over budget', regression(), ['### ❌ stageguard: failed — api/Dockerfile \\(final\\) grew 56\\.9% over max\\-increase 10%', '51.0 MB → 80.0 MB (🔺 +29.0 MB, +56.9%) ⚠️', '⚠️ **max-increase** `api/Dockerfile (final)`', '#### Layer diff', '🔺 grew'], []],
    ['a fork whose token is read-only', fork403(), ['⚠️ could not create the stageguard comment on acme/shop\\#&#8203;42\\: GitHub answered 403'], []]
  ])('renders %s', (_name, report, present, absent) => {
    const body = renderComment(report);
    expect(body.startsWith('<!-- stageguard -->\n')).toBe(true);
    for (const p of present) expect(body).toContain(p);
    for (const a of absent) expect(body).not.toContain(a);
    expect(body.length).toBeLessThan(65536);
  });

  it('keeps the sections in the order of the issue', () => {
    const body = renderComment(regression());
    const order = ['stageguard: failed', '#### Image sizes', 'xychart-beta', '#### Layer diff', 'breakdown', '#### Multi-stage savings', '#### Scorecard', '#### Violations', '#### Builds and cache', 'Reproduce locally'];
    const at = order.map(s => body.indexOf(s));
    expect(at.every(i => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('truncates a huge report under 65,536 characters, least important first, and says so', () => {
    const report = huge();
    const full = renderSummary(report);
    expect(full.length).toBeGreaterThan(65536);
    const body = renderComment(report);
    expect(body.length).toBeLessThan(65536);
    expect(body).toMatch(/shortened to fit GitHub's limit \(65,536 characters\)/);
    expect(body).toContain('job summary');
    expect(body).toContain('#### Image sizes');
    expect(body).toContain('#### Notes');
    expect(body).toContain('#### Violations');
    expect(body).toMatch(/…\d+ more \(info, style or beyond 1\) in the job summary/);
    expect(body).toMatch(/shortened: [a-z ,-]*violations/);
  });

  it('truncates to any smaller budget it is given', () => {
    for (const max of [40000, 12000, 3000]) expect(renderComment(huge(), { maxChars: max }).length).toBeLessThanOrEqual(max);
  });

  it('renders injection attempts inert everywhere in the comment and the summary', () => {
    for (const body of [renderComment(injection()), renderSummary(injection())]) {
      const outsideCode = body.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '').replace(/(?<![`\\])(`+)(?!`)[\s\S]*?(?<![`\\])\1(?!`)/g, '');
      for (const re of LIVE) expect({ re: String(re), hit: outsideCode.split('\n').filter(l => re.test(l)) }).toEqual({ re: String(re), hit: [] });
      // Literal inside code (a build log) is text, not a comment; outside code only our own marker may appear.
      expect(outsideCode.match(/<!-- stageguard -->/g) ?? []).toHaveLength(body.startsWith("<!--") ? 1 : 0);
      expect((outsideCode.match(/<details/g) ?? []).length).toBe((outsideCode.match(/<\/details>/g) ?? []).length);
      expect(countInFences(body)).toBeGreaterThan(0);
    }
  });

  it('uses a header marker so several workflows keep their own comment', () => {
    expect(renderComment(passingReport(), { header: 'arm64' }).startsWith('<!-- stageguard:arm64 -->\n')).toBe(true);
  });
});

/** `</details>` lines that are literal text inside fenced code blocks. */
function countInFences(body: string): number {
  let n = 0;
  for (const m of body.matchAll(/^(`{3,})[^\n]*\n([\s\S]*?)\n\1$/gm)) n += (m[2].match(/<\/details>/g) ?? []).length;
  return n;
}

describe('renderSummary', () => {
  it('keeps every violation of a report too big for a comment', () => {
    const s = renderSummary(huge());
    expect(Buffer.byteLength(s)).toBeLessThan(1024 * 1024);
    expect(s.match(/consecutive-run/g)!.length).toBeGreaterThanOrEqual(60 * 26);
    expect(s).not.toContain('shortened');
  });
});

describe('renderLintMarkdown', () => {
  it('renders the scorecard and the violations of `stageguard lint --format markdown`', () => {
    const md = renderLintMarkdown(passingReport().lint);
    expect(md).toContain('## stageguard lint: 2 Dockerfiles, 2 violations');
    expect(md).toContain('| `web/Dockerfile` | ⚠️ 6/7 passed |');
    expect(md).toContain('| ⚠️ warning | [`healthcheck`][] (DL3057) | L12 |');
    expect(md).toContain('\n[`healthcheck`]: https://github.com/stageguard/stageguard/blob/main/docs/rules/healthcheck.md');
  });
  it('says so when there is nothing to report', () => {
    expect(renderLintMarkdown(lintReport([]))).toContain('No violations.');
  });
});


describe('compressed sizes the image store could not give', () => {
  it('marks estimated compressed sizes with ≈ and says how they were made', () => {
    const report = regression();
    report.sizes = report.sizes.map(s => ({ ...s, compressedEstimated: true }));
    const body = renderComment(report);
    expect(body).toMatch(/\| ≈ [\d.]+ [kMG]?B → [\d.]+ [kMG]?B \(/);
    expect(body).toContain('gzip (level 6, as `docker push` compresses)');
    expect(renderComment(regression())).not.toContain('≈');
  });
});
