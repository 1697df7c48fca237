import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Renders markdown as GitHub does and measures it in a real browser: GitHub's own cmark-gfm (with the extensions and
 * raw-HTML filter GitHub uses) to HTML, GitHub's markdown stylesheet (the github-markdown-css package), and Debian's
 * headless Chromium. `apt-get install cmark-gfm chromium` provides both programs (.ci/run installs them).
 */

/** The width of a pull-request comment's body on github.com (the timeline column less the comment's padding). */
export const COMMENT_WIDTH = 790;

const CHROMIUM = process.env.STAGEGUARD_CHROMIUM ?? '/usr/bin/chromium';

export function browserUnavailableReason(): string | null {
  try {
    execFileSync('cmark-gfm', ['--version'], { stdio: 'pipe' });
  } catch {
    return 'cmark-gfm is not installed (apt-get install cmark-gfm)';
  }
  if (!fs.existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  return null;
}

/** Markdown → HTML as GitHub renders comments: tables, strike-through, autolinks, task lists, raw HTML tag-filtered. */
export function gfmToHtml(markdown: string): string {
  return execFileSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'strikethrough', '-e', 'autolink', '-e', 'tagfilter', '-e', 'tasklist'], { input: markdown, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

const CSS = (): string => fs.readFileSync(require.resolve('github-markdown-css/github-markdown-light.css'), 'utf8');

/** One page: the rendered body at `width` pixels, GitHub's stylesheet, and (to measure) a script that writes results. */
export function page(bodyHtml: string, width = COMMENT_WIDTH, script = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS()}
body { margin: 0; background: #fff; }
.markdown-body { box-sizing: border-box; width: ${width + 32}px; padding: 16px; font-family: "DejaVu Sans", sans-serif; }
</style></head><body><article class="markdown-body">${bodyHtml}</article>${script ? `<script>${script}</script>` : ''}</body></html>`;
}

function chromium(args: string[], html: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-browser-'));
  try {
    const file = path.join(dir, 'page.html');
    fs.writeFileSync(file, html);
    return execFileSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${path.join(dir, 'profile')}`,
        '--hide-scrollbars',
        '--virtual-time-budget=3000',
        ...args.map(a => a.replace('{dir}', dir)),
        `file://${file}`
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface Measurement {
  /** The content width the page was laid out at. */
  width: number;
  /** Per table: header cells and the cells of each body row, and whether the table is wider than the page. */
  tables: { header: number; rows: number[]; scrolls: boolean; text: string }[];
  /** Elements that reach past the right edge of the content (code blocks excepted: they scroll by design). */
  overflow: { tag: string; right: number; text: string }[];
}

// every <details> opened, so folded parts are measured too; code blocks (pre) scroll inside their own box on GitHub
const MEASURE = `
document.querySelectorAll('details').forEach(d => { d.open = true; });
const body = document.querySelector('.markdown-body');
const style = getComputedStyle(body);
const limit = body.getBoundingClientRect().right - parseFloat(style.paddingRight) + 0.5;
const overflow = [];
for (const el of body.querySelectorAll('*')) {
  if (el.closest('pre')) continue;
  const r = el.getBoundingClientRect();
  if (r.width > 0 && r.right > limit && ![...el.children].some(c => c.getBoundingClientRect().right > limit)) {
    overflow.push({ tag: el.tagName.toLowerCase(), right: Math.round(r.right - limit), text: (el.textContent || '').trim().slice(0, 120) });
  }
}
const tables = [...body.querySelectorAll('table')].map(t => ({
  header: t.tHead ? t.tHead.rows[0].cells.length : 0,
  rows: [...t.tBodies].flatMap(b => [...b.rows].map(r => r.cells.length)),
  scrolls: t.scrollWidth > t.clientWidth + 1,
  text: (t.tHead ? t.tHead.textContent : '').trim().slice(0, 120)
}));
const out = document.createElement('pre');
out.id = 'stageguard-measure';
out.textContent = JSON.stringify({ width: Math.round(limit - body.getBoundingClientRect().left - parseFloat(style.paddingLeft)), tables, overflow });
document.body.appendChild(out);
`;

/** Lays the markdown out as a GitHub comment in headless Chromium and measures it. */
export function measureMarkdown(markdown: string, width = COMMENT_WIDTH): Measurement {
  const dom = chromium(['--dump-dom', '--window-size=1200,2000'], page(gfmToHtml(markdown), width, MEASURE));
  const m = /<pre id="stageguard-measure">([\s\S]*?)<\/pre>/.exec(dom);
  if (!m) throw new Error('the page wrote no measurement (did its script run?)');
  const text = m[1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return JSON.parse(text) as Measurement;
}

/** A PNG of the markdown as a GitHub comment (folded parts left folded, as a reader first sees it). */
export function screenshotMarkdown(markdown: string, file: string, height: number, width = COMMENT_WIDTH): void {
  chromium([`--screenshot=${file}`, `--window-size=${width + 32},${height}`], page(gfmToHtml(markdown), width));
}
