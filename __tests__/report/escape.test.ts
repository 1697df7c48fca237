import { codeBlock, codeSpan, commentMarker, encodePath, escapeHtmlText, escapeInline, mermaidLabel, shellQuote, stripControl } from '../../src/report/escape';

const ZW = '&#8203;';

describe('escapeInline makes PR text inert in markdown', () => {
  it.each([
    ['an HTML image with an onerror handler', '<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert\\(1\\)&gt;'],
    ['a markdown link', '[link](http://evil)', `\\[link\\]\\(http${ZW}\\://evil\\)`],
    ['a markdown image', '![x](http://evil/x.png)', `\\!\\[x\\]\\(http${ZW}\\://evil/x\\.png\\)`],
    ['a user mention', '@someone', `@${ZW}someone`],
    ['a team mention', '@org/team', `@${ZW}org/team`],
    ['an issue reference', 'fixes #12', `fixes \\#${ZW}12`],
    ['backticks', '`code`', '\\`code\\`'],
    ['a table pipe', 'a | b', 'a \\| b'],
    ['ANSI colours', '\x1b[31mred\x1b[0m', 'red'],
    ['a closing details tag', '</details>', '&lt;/details&gt;'],
    ['a forged marker', '<!-- stageguard -->', '&lt;\\!\\-\\- stageguard \\-\\-&gt;'],
    ['a newline that would end a table row', 'one\n| two', 'one \\| two'],
    ['a bare www link', 'www.evil.com', `www${ZW}\\.evil\\.com`],
    ['an entity', '&lt;b&gt;', '&amp;lt\\;b&amp;gt\\;'],
    ['bidi overrides and NUL', 'a\u202eb\u0000c', 'abc'],
    ['math', '$x$', '\\$x\\$']
  ])('escapes %s', (_name, input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });

  it('cuts long text before escaping so no escape is cut in half', () => {
    expect(escapeInline('<'.repeat(50), 10)).toBe(`${'&lt;'.repeat(10)}…`);
  });
});

describe('codeSpan keeps PR text literal and inside its cell', () => {
  it.each([
    ['plain text', 'RUN apt-get install', '`RUN apt-get install`'],
    ['a backtick inside', 'a`b', '``a`b``'],
    ['a leading backtick', '`x', '`` `x ``'],
    ['a pipe', 'a|b', '`a\\|b`'],
    ['a newline', 'a\nb', '`a b`'],
    ['ANSI', '\x1b[1mbold\x1b[0m', '`bold`'],
    ['empty', '', '` `']
  ])('renders %s', (_name, input, expected) => {
    expect(codeSpan(input)).toBe(expected);
  });
});

describe('codeBlock cannot be closed from inside', () => {
  it('uses a fence longer than any backtick run in the text', () => {
    const block = codeBlock('````\n</details>\n<!-- stageguard -->', 'text');
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });
  it('keeps the last lines of a long log', () => {
    const block = codeBlock(Array.from({ length: 10 }, (_, i) => `line ${i}`).join('\n'), '', 3);
    expect(block).toBe('```\n… 7 earlier lines omitted\nline 7\nline 8\nline 9\n```');
  });
  it('strips ANSI and carriage returns from build logs', () => {
    expect(codeBlock('\x1b[32m#5 DONE\x1b[0m\r\n')).toBe('```\n#5 DONE\n```');
  });
});

describe('other contexts', () => {
  it.each([
    ['escapeHtmlText', escapeHtmlText('<b>@bob</b> #3 http://x'), `&lt;b&gt;@${ZW}bob&lt;/b&gt; #${ZW}3 http${ZW}://x`],
    ['mermaidLabel', mermaidLabel('a"]\n%%{init}'), 'a______init_'],
    ['encodePath', encodePath('./dir/a b#c?(x).Dockerfile'), 'dir/a%20b%23c%3F%28x%29.Dockerfile'],
    ['shellQuote of a plain path', shellQuote('app/Dockerfile'), 'app/Dockerfile'],
    ['shellQuote of a hostile path', shellQuote("x';rm -rf /;'"), `'x'\\'';rm -rf /;'\\'''`],
    ['stripControl', stripControl('a\x1b]8;;http://e\x07b\x1b[2K\r\nc'), 'ab\nc'],
    ['the default marker', commentMarker(), '<!-- stageguard -->'],
    ['a header marker', commentMarker('arm64 build'), '<!-- stageguard:arm64-build -->'],
    ['a header that tries to end the comment', commentMarker('x --> <img>'), '<!-- stageguard:x-img -->']
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
