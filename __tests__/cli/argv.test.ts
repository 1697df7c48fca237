import { parseFlags, withUsage, type FlagTable } from '../../src/cli/argv';

const TABLE = {
  format: { type: 'string', short: 'f', choices: ['json', 'text'] },
  config: { type: 'string', short: 'c' },
  target: { type: 'string', list: true },
  stage: { type: 'string', list: true, into: 'target' },
  'build-arg': { type: 'string', multiple: true },
  'max-parallel': { type: 'string', positiveInt: true },
  push: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' }
} as const satisfies FlagTable;

const DEFAULTS = { help: false, push: false, verbose: false, target: [], 'build-arg': [] };

describe('parseFlags', () => {
  test.each<[number, string, string[], Record<string, unknown>, string[]]>([
    [1, 'nothing gives the defaults', [], DEFAULTS, []],
    [2, 'takes --name value and --name=value', ['--format', 'json', '--config=c.yml'], { format: 'json', config: 'c.yml' }, []],
    [3, 'takes short flags with a separate or attached value', ['-f', 'text', '-cfile'], { format: 'text', config: 'file' }, []],
    [4, 'keeps positionals in order around the flags', ['a', '--push', 'b', '-v', 'c'], { push: true, verbose: true }, ['a', 'b', 'c']],
    [5, 'splits a list on commas, drops blanks and keeps argv order', ['--target', 'a, b,,', '--target=c'], { target: ['a', 'b', 'c'] }, []],
    [6, 'stores an alias into the flag it names, in argv order', ['--target', 'a', '--stage', 'b,c', '--target', 'd'], { target: ['a', 'b', 'c', 'd'] }, []],
    [7, 'collects a repeatable flag without splitting on commas', ['--build-arg', 'A=1,2', '--build-arg=B=x'], { 'build-arg': ['A=1,2', 'B=x'] }, []],
    [8, 'turns a whole number into a number', ['--max-parallel', '4'], { 'max-parallel': 4 }, []],
    [9, 'lets the last of a single-valued flag win', ['--config', 'a', '--config', 'b'], { config: 'b' }, []],
    [10, 'ends options at --', ['--push', '--', '--weird', '-v'], { push: true, verbose: false }, ['--weird', '-v']],
    [11, 'takes a lone - as a positional', ['-'], {}, ['-']],
    [12, 'knows --help and -h on every table', ['-h'], { help: true }, []],
    [13, 'expands grouped short booleans', ['-vh'], { verbose: true, help: true }, []],
    [14, 'takes the next argument as the value even when it starts with a dash', ['--config', '-x'], { config: '-x' }, []],
    [15, 'takes an empty inline value', ['--config='], { config: '' }, []]
  ])('%i: %s', (_n, _name, argv, values, positionals) => {
    const parsed = parseFlags(argv, TABLE);
    expect(parsed.values).toMatchObject(values);
    expect(parsed.positionals).toEqual(positionals);
  });

  it('leaves absent single-valued flags undefined and absent repeatable flags empty', () => {
    expect(parseFlags([], TABLE).values).toEqual(DEFAULTS);
  });

  test.each<[number, string[], string]>([
    [1, ['--bogus'], 'unknown option --bogus'],
    [2, ['--bogus=3'], 'unknown option --bogus'],
    [3, ['-x'], 'unknown option -x'],
    [4, ['-vx'], 'unknown option -x'],
    [5, ['--format'], '--format needs a value'],
    [6, ['-f'], '--format needs a value'],
    [7, ['--format', 'xml'], '--format must be one of json|text, got xml'],
    [8, ['--format=xml'], '--format must be one of json|text, got xml'],
    [9, ['--max-parallel', '0'], '--max-parallel must be a whole number of at least 1, got 0'],
    [10, ['--max-parallel', '-1'], '--max-parallel must be a whole number of at least 1, got -1'],
    [11, ['--max-parallel', '2.5'], '--max-parallel must be a whole number of at least 1, got 2.5'],
    [12, ['--push=yes'], '--push takes no value'],
    [13, ['--constructor'], 'unknown option --constructor'],
    [14, ['--format', 'xml', '--bogus'], '--format must be one of json|text, got xml'],
    [15, ['--bogus', '--format', 'xml'], 'unknown option --bogus']
  ])('%i: refuses %j', (_n, argv, message) => {
    expect(() => parseFlags(argv, TABLE)).toThrow(new Error(message));
  });
});

describe('withUsage', () => {
  const USAGE = 'usage: stageguard demo [--push]';
  const parse = (argv: string[]): { push: boolean; help: boolean } => {
    const { values } = parseFlags(argv, { push: { type: 'boolean' } });
    return { push: values.push, help: values.help };
  };

  async function call(argv: string[]): Promise<{ code: number; out: string; err: string; ran: unknown[] }> {
    let out = '';
    let err = '';
    const ran: unknown[] = [];
    const io = { stdout: (s: string) => void (out += s), stderr: (s: string) => void (err += s), cwd: '.' };
    const code = await withUsage('demo', USAGE, argv, io, parse, async args => {
      ran.push(args);
      return 7;
    });
    return { code, out, err, ran };
  }

  it('runs the body with the parsed arguments and returns its status', async () => {
    expect(await call(['--push'])).toEqual({ code: 7, out: '', err: '', ran: [{ push: true, help: false }] });
  });

  it('prints the error and the usage to stderr and returns 2 on a usage error, without running the body', async () => {
    expect(await call(['--bogus'])).toEqual({ code: 2, out: '', err: `stageguard demo: unknown option --bogus\n${USAGE}\n`, ran: [] });
  });

  it('prints the usage to stdout and returns 0 on --help, without running the body', async () => {
    expect(await call(['--help'])).toEqual({ code: 0, out: `${USAGE}\n`, err: '', ran: [] });
  });
});
