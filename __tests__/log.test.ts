import { jsonLogSafe, logSafe } from '../src/log';

/** Whether the runner would read a workflow command from one of the lines (v2 `::` after blanks, or v1 `##[`). */
const commandLines = (text: string): string[] => text.split(/\r\n|\r|\n/).filter(l => /^\s*::/.test(l) || l.includes('##['));

describe('logSafe, the one writer of untrusted text to the log', () => {
  it.each<[string, string]>([
    ['a newline before a command', 'app/x\n::add-mask::everything'],
    ['a carriage return before a command', 'app/x\r::warning file=README.md,line=1::pwned'],
    ['CRLF before a command', 'a\r\n::stop-commands::token'],
    ['U+2028 before a command', 'a\u2028::error::fake'],
    ['U+2029 before a command', 'a\u2029::error::fake'],
    ['NEL before a command', 'a\u0085::error::fake'],
    ['blanks before a command', 'a\n   \t::notice::fake'],
    ['a command at the very start', '::group::fake'],
    ['three colons', ':::warning::x'],
    ['the v1 form in the middle of a line', 'path ##[add-mask]secret'],
    ['an ANSI escape hiding a command', '\x1b[2K::warning::x']
  ])('leaves no line the runner reads as a command: %s', (_name, text) => {
    const safe = logSafe(text);
    expect(commandLines(safe)).toEqual([]);
    // the text is still there to read
    expect(safe.replace(/[\s:#[]/g, '')).toContain(text.replace(/[\s:#[\u2028\u2029\u0085]|\x1b\[2K/g, '').replace(/\r/g, ''));
  });

  it('keeps ordinary text and multi-line logs as they are', () => {
    expect(logSafe('3 Dockerfiles: a/Dockerfile, b/Dockerfile')).toBe('3 Dockerfiles: a/Dockerfile, b/Dockerfile');
    expect(logSafe('step 1\nstep 2: ok')).toBe('step 1\nstep 2: ok');
    expect(logSafe('http://x:8080/a::b')).toBe('http://x:8080/a::b');
  });

  it('escapes ##[ in JSON without changing the data', () => {
    const json = JSON.stringify({ message: 'x ##[add-mask]y', path: '::warning::z' }, null, 2);
    const safe = jsonLogSafe(json);
    expect(commandLines(safe)).toEqual([]);
    expect(JSON.parse(safe)).toEqual(JSON.parse(json));
  });
});
