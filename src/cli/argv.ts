/**
 * The one argument parser of the command line. Each command declares a flag table; Node's own `util.parseArgs` splits
 * argv into tokens (`--name value`, `--name=value`, `-n value`, `-nvalue`, grouped short flags, `--` ending options),
 * and this module turns the tokens into values, checking them in one place with the project's messages.
 *
 * parseArgs runs with `strict: false` and `tokens: true` because its strict errors are worded differently from ours and
 * from one Node release to the next (https://nodejs.org/api/util.html#utilparseargsconfig); walking the tokens also
 * keeps argv order for repeated flags and aliases, and reports the first bad argument first.
 */
import { parseArgs } from 'node:util';

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  cwd: string;
}

export type Flag =
  | { type: 'boolean'; short?: string }
  | {
      type: 'string';
      short?: string;
      /** Repeatable; the values are collected in argv order. */
      multiple?: boolean;
      /** Repeatable, and each value is split on commas (`--target a,b --target c`). Implies `multiple`. */
      list?: boolean;
      /** The value must be one of these. */
      choices?: readonly string[];
      /** The value must be a whole number of at least 1; it is returned as a number. */
      positiveInt?: boolean;
      /** Another spelling of the flag named here: its values go there (`--target` for `--targets`). */
      into?: string;
    };

export type FlagTable = Readonly<Record<string, Flag>>;

type ValueOf<F> = F extends { type: 'boolean' }
  ? boolean
  : F extends { multiple: true } | { list: true }
    ? string[]
    : F extends { positiveInt: true }
      ? number
      : F extends { choices: readonly (infer C)[] }
        ? C
        : string;

/** Booleans are false and repeatable flags [] when absent; any other flag is undefined when absent. */
export type FlagValues<T extends FlagTable> = {
  [K in keyof T as T[K] extends { into: string } ? never : K]: T[K] extends { type: 'boolean' } | { multiple: true } | { list: true }
    ? ValueOf<T[K]>
    : ValueOf<T[K]> | undefined;
} & { help: boolean };

export interface ParsedFlags<T extends FlagTable> {
  values: FlagValues<T>;
  positionals: string[];
}

/** Every command takes --help (-h); withUsage answers it. */
const HELP: Flag = { type: 'boolean', short: 'h' };

const isRepeatable = (f: Flag): boolean => f.type === 'string' && Boolean(f.multiple || f.list);

/** Pure: argv to values and positionals by a flag table. Throws an Error naming the first bad argument. */
export function parseFlags<const T extends FlagTable>(argv: readonly string[], table: T): ParsedFlags<T> {
  const flags: FlagTable = { help: HELP, ...table };
  const options = Object.fromEntries(Object.entries(flags).map(([name, f]) => [name, f.short ? { type: f.type, short: f.short } : { type: f.type }]));
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });

  const values: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(flags)) {
    if (f.type === 'boolean') values[name] = false;
    else if (isRepeatable(f) && !f.into) values[name] = [];
  }
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const f = Object.hasOwn(flags, token.name) ? flags[token.name] : undefined;
    if (!f) throw new Error(`unknown option ${token.rawName}`);
    const flag = `--${token.name}`;
    if (f.type === 'boolean') {
      if (token.value !== undefined) throw new Error(`${flag} takes no value`);
      values[token.name] = true;
      continue;
    }
    const v = token.value;
    if (v === undefined) throw new Error(`${flag} needs a value`);
    if (f.choices && !f.choices.includes(v)) throw new Error(`${flag} must be one of ${f.choices.join('|')}, got ${v}`);
    if (f.positiveInt && !(/^\d+$/.test(v) && Number(v) >= 1)) throw new Error(`${flag} must be a whole number of at least 1, got ${v}`);
    const key = f.into ?? token.name;
    if (f.list) (values[key] as string[]).push(...v.split(',').map(s => s.trim()).filter(Boolean));
    else if (f.multiple) (values[key] as string[]).push(v);
    else values[key] = f.positiveInt ? Number(v) : v;
  }
  return { values: values as FlagValues<T>, positionals };
}

/**
 * The preamble every command shares: parse argv; on a usage error print it with the usage to stderr and return 2; on
 * --help print the usage to stdout and return 0; otherwise run the command's body.
 */
export async function withUsage<A extends { help?: boolean }>(
  command: string,
  usage: string,
  argv: readonly string[],
  io: CliIo,
  parse: (argv: string[]) => A,
  body: (args: A) => Promise<number>
): Promise<number> {
  const text = usage.endsWith('\n') ? usage : `${usage}\n`;
  let args: A;
  try {
    args = parse([...argv]);
  } catch (e) {
    io.stderr(`stageguard ${command}: ${(e as Error).message}\n${text}`);
    return 2;
  }
  if (args.help) {
    io.stdout(text);
    return 0;
  }
  return body(args);
}
