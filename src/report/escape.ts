/**
 * Escaping of untrusted text (anything that comes from the pull request: file names, Dockerfile text, messages that
 * quote it, build logs) at the one point where markdown is rendered. Pure functions.
 *
 * What a PR must not be able to do through the comment or the job summary:
 * - inject HTML (`<img onerror>`, `</details>`, `<!-- stageguard -->`): `<`, `>` and `&` become entities;
 * - inject markdown links, images, emphasis, tables: ASCII punctuation is backslash-escaped, `|` included;
 * - ping people or teams (`@someone`, `@org/team`) or cross-reference issues (`#123`, `GH-1`): a zero-width space is
 *   put after the `@`/`#`, as Renovate and Dependabot do, so GitHub's mention and reference parsers do not match;
 * - turn a bare URL into a link: GitHub's extended autolinks (`http://`, `www.`) are broken with a zero-width space;
 * - colour or move the cursor (ANSI escapes), hide text (bidi overrides, C0 controls): stripped;
 * - break out of a code span or a fenced block: the fence is always longer than any backtick run inside;
 * - break a table row: newlines become spaces in inline text and `|` is escaped even inside code spans
 *   (GFM splits table cells before it parses code spans: https://github.github.com/gfm/#tables-extension-).
 */

/** U+200B ZERO WIDTH SPACE, written as an entity so it survives editors and is visible in the source. */
export const ZWSP = '&#8203;';

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and any other two-byte ESC sequence.
// eslint-disable-next-line no-control-regex
const ANSI_RE = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
// C0 controls except tab and newline, DEL, C1 controls, bidi overrides/isolates, BOM.
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Puts a zero-width space after every `@` (mentions), every `#` that is not part of an entity we wrote (issue
 * references), inside `GH-1` references, and after URL schemes and `www.` (GitHub's extended autolinks). Runs on
 * text whose `&` are already entities, so a `#` right after `&` is always ours.
 */
function breakLinks(s: string): string {
  return s
    .replace(/(?<!&)#/g, `#${ZWSP}`)
    .replace(/@/g, `@${ZWSP}`)
    .replace(/\b(gh)(\\?-)(?=\d)/gi, `$1${ZWSP}$2`)
    .replace(/\b(https?|ftp|mailto)(\\?:)/gi, `$1${ZWSP}$2`)
    .replace(/\bwww(\\?\.)/gi, `www${ZWSP}$1`);
}

/** Removes ANSI escape sequences and invisible control characters; keeps tabs and newlines (CRLF → LF). */
export function stripControl(text: string): string {
  return String(text).replace(ANSI_RE, '').replace(/\r\n?/g, '\n').replace(CONTROL_RE, '');
}

// Every ASCII punctuation character that CommonMark/GFM can give a meaning to and that a backslash neutralises.
const MD_PUNCT_RE = /[\\`*_{}[\]()#+\-.!|~$:;]/g;

/**
 * Inline untrusted text for markdown prose or a table cell: one line, no markup, no mentions, no links.
 * `maxLength` cuts long text (with an ellipsis) before escaping, so an escape is never cut in half.
 */
export function escapeInline(text: string, maxLength = 2000): string {
  let s = stripControl(text).replace(/\s*\n\s*/g, ' ');
  if (s.length > maxLength) s = `${s.slice(0, maxLength)}…`;
  return breakLinks(
    // Punctuation first: the entities written next contain `#` and `;`, which must stay unescaped.
    s.replace(MD_PUNCT_RE, c => `\\${c}`).replace(/[&<>"]/g, c => HTML_ENTITIES[c])
  );
}

/**
 * A package name or version as inline text. The characters Debian, Alpine, PyPI and npm allow in plain names and
 * versions (letters, digits, `.+:~-`) mean nothing in the middle of a markdown line, so they are kept as they are and
 * `1.2.3-4+deb12u1` stays readable; a `~` is escaped (GitHub reads `~x~` as strike-through). Anything else (an npm
 * `@scope` that would mention someone, a `www.` that would link) goes through escapeInline.
 */
export function escapeToken(text: string, maxLength = 100): string {
  if (/^[A-Za-z0-9][A-Za-z0-9.+~:-]*$/.test(text) && text.length <= maxLength && !/www\./i.test(text)) return text.replace(/~/g, '\\~');
  return escapeInline(text, maxLength);
}

/**
 * Untrusted text as a code span (`` `text` ``), safe in prose and in table cells: the fence is longer than any
 * backtick run inside, newlines become spaces, `|` is escaped for tables. Code spans render HTML, links and
 * mentions literally, so nothing else needs escaping.
 */
export function codeSpan(text: string, maxLength = 500): string {
  let s = stripControl(text).replace(/\s*\n\s*/g, ' ');
  if (s.length > maxLength) s = `${s.slice(0, maxLength)}…`;
  if (s === '') return '` `';
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(longest + 1);
  // A space on each side when the content starts or ends with a backtick (CommonMark strips one space each side).
  const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${s.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/**
 * Untrusted multi-line text (a build log, Dockerfile lines) as a fenced code block: the fence is longer than any
 * backtick run inside, so the text cannot close it; `</details>` or `<!-- -->` inside are literal text.
 * Keeps the last `maxLines` lines (logs are most useful at the end).
 */
export function codeBlock(text: string, lang = '', maxLines = 200): string {
  let lines = stripControl(text).replace(/\n+$/, '').split('\n');
  if (lines.length > maxLines) lines = [`… ${lines.length - maxLines} earlier lines omitted`, ...lines.slice(-maxLines)];
  const body = lines.join('\n');
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map(r => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang.replace(/[^a-z0-9+-]/gi, '')}\n${body}\n${fence}`;
}

/**
 * Text for a mermaid chart label inside double quotes: only letters, digits and a few safe separators survive.
 * GitHub renders mermaid in a sandboxed frame, but the label must still not close the quote or start a directive.
 */
export function mermaidLabel(text: string, maxLength = 40): string {
  const s = stripControl(text)
    .replace(/[^A-Za-z0-9 ._/:@+-]/g, '_')
    .slice(0, maxLength)
    .trim();
  return s === '' ? '_' : s;
}

/** A path inside a URL: each segment percent-encoded, so `#`, `?`, spaces and `)` cannot end the link. */
export function encodePath(path: string): string {
  return stripControl(path)
    .replace(/^\.\//, '')
    .split('/')
    .map(seg => encodeURIComponent(seg).replace(/[()'!*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * The hidden marker that finds the sticky comment again: `<!-- stageguard -->`, or `<!-- stageguard:header -->`
 * for a `comment-header` (so several workflows each keep their own comment). The header comes from the workflow,
 * not the PR, but it is still reduced to safe characters so it cannot end the HTML comment.
 */
export function commentMarker(header?: string): string {
  const h = (header ?? '').replace(/[^A-Za-z0-9._/ -]/g, '').replace(/\s+/g, '-').replace(/-{2,}/g, '-').replace(/^-|-$/g, '').slice(0, 64);
  return h ? `<!-- stageguard:${h} -->` : '<!-- stageguard -->';
}

/**
 * Untrusted text inside raw HTML (a `<summary>` line): GitHub does not parse markdown there, but its mention and
 * reference filters still run on the rendered text, so `@` and `#` get the zero-width space too.
 */
export function escapeHtmlText(text: string, maxLength = 300): string {
  let s = stripControl(text).replace(/\s*\n\s*/g, ' ');
  if (s.length > maxLength) s = `${s.slice(0, maxLength)}…`;
  return breakLinks(s.replace(/[&<>"']/g, c => HTML_ENTITIES[c]));
}

/** A word for a POSIX shell, single-quoted when needed, so a pasted reproduce command cannot run PR-chosen code. */
export function shellQuote(word: string): string {
  const s = stripControl(word).replace(/\n/g, ' ');
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
