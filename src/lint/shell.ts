/**
 * Shell-command analysis of RUN instructions, shared by the lint rules. Pure: text in, commands out.
 *
 * This is not a full POSIX shell parser. It splits a script into simple commands on `&&`, `||`, `|`, `;`, `&`,
 * newlines and parentheses; honours quotes, backslash escapes, comments, `$(...)`, backticks and here-documents;
 * drops redirections; strips leading `VAR=value` assignments, wrappers (`sudo`, `env`, `nohup`...) and control
 * keywords (`if`, `then`, `do`...); and parses nested scripts (`$(...)`, backticks, `sh -c '...'`) as commands marked
 * `nested`. That is what Dockerfile rules need: which programs run, with which flags and arguments, and where the
 * pipes are.
 */
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';

export type ShellOperator = '&&' | '||' | '|' | ';' | '&' | '\n' | '';

export interface ShellCommand {
  /** The program as written after wrappers, e.g. `/usr/bin/apt-get`, `pip3`. */
  program: string;
  /** Basename of `program`, e.g. `apt-get`. */
  name: string;
  /** Words after the program, unquoted; redirections removed. */
  args: string[];
  /** `[program, ...args]`. */
  words: string[];
  /** Leading `NAME=value` assignments (also those given to `env`), as written. */
  env: string[];
  /** Wrappers that were stripped, in order, e.g. `['sudo']`. */
  wrappers: string[];
  /** The operator before this command ('' for the first one of a script). */
  prevOp: ShellOperator;
  /** The operator after this command ('' for the last one of a script). */
  nextOp: ShellOperator;
  /** Inside `( ... )`. */
  subshell: boolean;
  /** From a nested script: `$(...)`, backticks, `sh -c '...'` or a here-document fed to a shell. */
  nested: boolean;
  /** Delimiters of here-documents redirected into this command (`<<EOF`). */
  heredocs: string[];
}

export interface ParsedScript {
  /** Every simple command, nested ones included, in source order of their scripts. */
  commands: ShellCommand[];
  /** True when a pipe (`|` or `|&`) joins two commands of the top-level script (subshells included, nested scripts not). */
  hasPipe: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'esac']);
/** Wrappers and how many of their leading non-flag words belong to them (not to the wrapped command). */
const WRAPPERS: Record<string, { valueFlags: Set<string>; positional: number }> = {
  sudo: { valueFlags: new Set(['-u', '-g', '-C', '-h', '-p', '-r', '-t', '-U', '-D', '-R', '-T']), positional: 0 },
  env: { valueFlags: new Set(['-u', '-C', '-S']), positional: 0 },
  nohup: { valueFlags: new Set(), positional: 0 },
  time: { valueFlags: new Set(['-f', '-o']), positional: 0 },
  exec: { valueFlags: new Set(['-a']), positional: 0 },
  command: { valueFlags: new Set(), positional: 0 },
  nice: { valueFlags: new Set(['-n']), positional: 0 },
  eatmydata: { valueFlags: new Set(), positional: 0 },
  gosu: { valueFlags: new Set(), positional: 1 },
  'su-exec': { valueFlags: new Set(), positional: 1 },
  chronic: { valueFlags: new Set(), positional: 0 }
};
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

interface Word {
  value: string;
  /** Scripts found in `$(...)` and backticks inside the word, parsed as nested scripts. */
  substitutions: string[];
}

interface RawCommand {
  words: Word[];
  heredocs: string[];
  prevOp: ShellOperator;
  nextOp: ShellOperator;
  subshell: boolean;
}

export function basename(program: string): string {
  const i = program.lastIndexOf('/');
  return i >= 0 ? program.slice(i + 1) : program;
}

/** Reads from `start` (just after an opening `$(`) to its matching `)`; returns the index after it. */
function skipBalanced(s: string, start: number, open: string, close: string): number {
  let depth = 1;
  let i = start;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const end = s.indexOf("'", i + 1);
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      i++;
      continue;
    }
    if (c === open) depth++;
    else if (c === close && --depth === 0) return i + 1;
    i++;
  }
  return s.length;
}

/** Splits a script into raw simple commands. Here-document bodies are skipped (and returned for commands that run them). */
function tokenize(script: string, bodyOverrides: string[] = []): { commands: RawCommand[]; heredocBodies: Map<RawCommand, string[]> } {
  let heredocCount = 0;
  const commands: RawCommand[] = [];
  const heredocBodies = new Map<RawCommand, string[]>();
  let words: Word[] = [];
  let word: Word | null = null;
  let heredocs: string[] = [];
  let depth = 0;
  let prevOp: ShellOperator = '';
  let redirect = false; // the next word is a redirection target
  let pending: { name: string; strip: boolean; cmd: () => RawCommand | undefined }[] = [];
  let current: RawCommand | undefined; // the command being built, created lazily so heredoc bodies attach to it

  const ensure = (): RawCommand => {
    if (!current) current = { words, heredocs, prevOp, nextOp: '', subshell: depth > 0 };
    return current;
  };
  const endWord = (): void => {
    if (word === null) return;
    if (redirect) redirect = false;
    else words.push(word);
    word = null;
  };
  const endCommand = (op: ShellOperator): void => {
    endWord();
    if (words.length > 0 || heredocs.length > 0) {
      const c = ensure();
      c.nextOp = op;
      c.subshell = c.subshell || depth > 0;
      commands.push(c);
      prevOp = op;
    } else if (op === '|' || op === '&&' || op === '||') {
      prevOp = op;
    }
    current = undefined;
    words = [];
    heredocs = [];
  };
  const w = (): Word => {
    if (word === null) word = { value: '', substitutions: [] };
    return word;
  };

  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    if (c === '\\') {
      if (script[i + 1] === '\n') i += 2;
      else if (script[i + 1] === '\r' && script[i + 2] === '\n') i += 3;
      else {
        if (i + 1 < n) w().value += script[i + 1];
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      w().value += script.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      const cur = w();
      i++;
      while (i < n && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(script[i + 1])) {
          if (script[i + 1] !== '\n') cur.value += script[i + 1];
          i += 2;
        } else if (script[i] === '$' && script[i + 1] === '(' && script[i + 2] !== '(') {
          const end = skipBalanced(script, i + 2, '(', ')');
          cur.substitutions.push(script.slice(i + 2, end - 1));
          cur.value += script.slice(i, end);
          i = end;
        } else if (script[i] === '`') {
          const end = script.indexOf('`', i + 1);
          const stop = end < 0 ? n : end;
          cur.substitutions.push(script.slice(i + 1, stop));
          cur.value += script.slice(i, stop + 1);
          i = stop + 1;
        } else {
          cur.value += script[i];
          i++;
        }
      }
      i++;
      continue;
    }
    if (c === '$' && script[i + 1] === '(') {
      const arithmetic = script[i + 2] === '(';
      const end = skipBalanced(script, i + 2, '(', ')');
      const cur = w();
      if (!arithmetic) cur.substitutions.push(script.slice(i + 2, end - 1));
      cur.value += script.slice(i, end);
      i = end;
      continue;
    }
    if (c === '$' && script[i + 1] === '{') {
      const end = skipBalanced(script, i + 2, '{', '}');
      w().value += script.slice(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      const end = script.indexOf('`', i + 1);
      const stop = end < 0 ? n : end;
      const cur = w();
      cur.substitutions.push(script.slice(i + 1, stop));
      cur.value += script.slice(i, stop + 1);
      i = stop + 1;
      continue;
    }
    if (c === '#' && word === null) {
      while (i < n && script[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      endCommand('\n');
      i++;
      // Here-document bodies start on the line after their `<<WORD`.
      for (const p of pending) {
        const body: string[] = [];
        while (i < n) {
          let e = script.indexOf('\n', i);
          if (e < 0) e = n;
          const line = script.slice(i, e).replace(/\r$/, '');
          i = e + 1;
          if ((p.strip ? line.replace(/^\t+/, '') : line) === p.name) break;
          body.push(line);
        }
        const owner = p.cmd();
        const text = bodyOverrides[heredocCount++] ?? body.join('\n');
        if (owner) heredocBodies.set(owner, [...(heredocBodies.get(owner) ?? []), text]);
      }
      pending = [];
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i++;
      continue;
    }
    if (c === '&' && script[i + 1] === '&') {
      endCommand('&&');
      i += 2;
      continue;
    }
    if (c === '|' && script[i + 1] === '|') {
      endCommand('||');
      i += 2;
      continue;
    }
    if (c === '|') {
      endCommand('|');
      i += script[i + 1] === '&' ? 2 : 1;
      continue;
    }
    if (c === ';') {
      endCommand(';');
      i += script[i + 1] === ';' ? 2 : 1;
      continue;
    }
    if (c === '&' && script[i + 1] !== '>') {
      endCommand('&');
      i++;
      continue;
    }
    if (c === '(' && word === null) {
      endCommand(prevOp === '' ? '' : ';');
      depth++;
      i++;
      continue;
    }
    if (c === ')') {
      endCommand(';');
      if (depth > 0) depth--;
      i++;
      continue;
    }
    if (c === '<' && script[i + 1] === '<' && script[i + 2] !== '<') {
      // here-document: <<WORD, <<-WORD, <<'WORD', <<"WORD"
      const fdWord = word !== null && /^\d+$/.test((word as Word).value);
      if (fdWord) word = null;
      endWord();
      let j = i + 2;
      const strip = script[j] === '-';
      if (strip) j++;
      while (script[j] === ' ' || script[j] === '\t') j++;
      const m = /^(["']?)([^\s"';&|<>()]+)\1/.exec(script.slice(j));
      if (m) {
        const cmd = ensure();
        cmd.heredocs.push(m[2]);
        pending.push({ name: m[2], strip, cmd: () => cmd });
        i = j + m[0].length;
      } else {
        i = j;
      }
      continue;
    }
    if (c === '>' || c === '<') {
      // Redirection: drop an fd number written before it (`2>`) and the target word after it.
      if (word !== null && /^\d*$/.test((word as Word).value) && (word as Word).substitutions.length === 0) word = null;
      else if (word !== null && (word as Word).value === '&') word = null;
      endWord();
      i++;
      let targetIncluded = false;
      while (i < n && '<>&|'.includes(script[i])) {
        if (script[i] === '&' && /[0-9-]/.test(script[i + 1] ?? '')) {
          // `>&2`, `2>&1`, `<&-`: the target is part of the operator
          i++;
          while (i < n && /[0-9-]/.test(script[i])) i++;
          targetIncluded = true;
          break;
        }
        i++;
      }
      redirect = !targetIncluded;
      continue;
    }
    w().value += c;
    i++;
  }
  endCommand('');
  if (commands.length > 0) commands[commands.length - 1].nextOp = '';
  return { commands, heredocBodies };
}

/** `sh -c 'script'` (also `bash -ec`, `sh -o pipefail -c`): the script, when the command runs one. */
export function shellCScript(cmd: Pick<ShellCommand, 'name' | 'args'>): string | undefined {
  if (!SHELLS.has(cmd.name)) return undefined;
  const args = cmd.name === 'busybox' ? cmd.args.slice(1) : cmd.args;
  let sawC = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '+o') {
      i++;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(a)) {
      if (a.includes('c')) sawC = true;
      // `-euxo pipefail`: an `o` takes the option name as the next word
      if (a.endsWith('o')) i++;
      continue;
    }
    return sawC ? a : undefined;
  }
  return undefined;
}

/** Appends the command (and the commands of its nested scripts) to `out`; returns whether a script it runs as its own top level pipes. */
function finish(raw: RawCommand, nested: boolean, out: ShellCommand[], bodies: string[], depth: number): boolean {
  let pipes = false;
  let values = raw.words.map(w => w.value);
  const env: string[] = [];
  const wrappers: string[] = [];
  for (;;) {
    while (values.length > 0 && KEYWORDS.has(values[0])) values = values.slice(1);
    while (values.length > 0 && ASSIGNMENT.test(values[0])) {
      env.push(values[0]);
      values = values.slice(1);
    }
    if (values.length === 0) break;
    const head = basename(values[0]);
    if (head === 'for' || head === 'case' || head === 'select' || head === 'function') {
      values = [];
      break;
    }
    const wrapper = WRAPPERS[head];
    if (!wrapper || values.length === 1) break;
    let j = 1;
    while (j < values.length && values[j].startsWith('-') && values[j] !== '--') {
      j += wrapper.valueFlags.has(values[j]) ? 2 : 1;
    }
    if (values[j] === '--') j++;
    if (head === 'env') {
      while (j < values.length && ASSIGNMENT.test(values[j])) env.push(values[j++]);
    }
    j += wrapper.positional;
    if (j >= values.length) break;
    wrappers.push(head);
    values = values.slice(j);
  }
  if (values.length > 0 || raw.heredocs.length > 0) {
    const program = values[0] ?? '';
    const cmd: ShellCommand = {
      program,
      name: basename(program),
      args: values.slice(1),
      words: values,
      env,
      wrappers,
      prevOp: raw.prevOp,
      nextOp: raw.nextOp,
      subshell: raw.subshell,
      nested,
      heredocs: raw.heredocs
    };
    if (values.length > 0) out.push(cmd);
    if (depth < 4) {
      const inner = shellCScript(cmd);
      if (inner !== undefined) out.push(...parseScript(inner, true, depth + 1).commands);
      // A here-document fed to a shell (or to no program at all, BuildKit's `RUN <<EOF`) is a script.
      // `RUN <<EOF` is the RUN's own script (run by the SHELL, not nested); `bash <<EOF` starts another shell.
      if (program === '' || (SHELLS.has(cmd.name) && inner === undefined)) {
        for (const body of bodies) {
          const parsed = runnableHeredoc(body, program !== '' || nested, depth + 1);
          out.push(...parsed.commands);
          if (program === '' && parsed.hasPipe) pipes = true;
        }
      }
    }
  }
  if (depth < 4) for (const w of raw.words) for (const s of w.substitutions) out.push(...parseScript(s, true, depth + 1).commands);
  return pipes;
}

/** A here-document body run as a script: parsed unless its shebang names something other than a shell. */
function runnableHeredoc(body: string, nested: boolean, depth: number): ParsedScript {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(body);
  if (shebang) {
    const prog = basename(shebang[1]) === 'env' && shebang[2] ? shebang[2] : basename(shebang[1]);
    if (!SHELLS.has(prog)) return { commands: [], hasPipe: false };
  }
  return parseScript(body, nested, depth);
}

function parseScript(script: string, nested: boolean, depth: number, bodyOverrides?: string[]): ParsedScript {
  const { commands, heredocBodies } = tokenize(script, bodyOverrides);
  const out: ShellCommand[] = [];
  let hasPipe = false;
  for (const raw of commands) {
    if (raw.nextOp === '|') hasPipe = true;
    if (finish(raw, nested, out, heredocBodies.get(raw) ?? [], depth)) hasPipe = true;
  }
  return { commands: out, hasPipe };
}

/** Parses a shell script (a RUN's shell-form text, a here-document body, a `sh -c` argument). */
export function parseShell(script: string): ParsedScript {
  return parseScript(script, false, 0);
}

/**
 * The commands a RUN instruction runs: its shell-form script (here-documents included, BuildKit's `RUN <<EOF` runs
 * the body as a script), or its exec-form argv as one command (with `sh -c` scripts parsed as nested).
 */
export function parseRun(inst: Pick<Instruction, 'args' | 'argv' | 'jsonForm' | 'heredocs'>): ParsedScript {
  if (inst.jsonForm) {
    const out: ShellCommand[] = [];
    if (inst.argv.length > 0) {
      finish({ words: inst.argv.map(value => ({ value, substitutions: [] })), heredocs: [], prevOp: '', nextOp: '', subshell: false }, false, out, [], 0);
    }
    return { commands: out, hasPipe: false };
  }
  // The model's args drop `#` lines (the Dockerfile parser sees them as comments), here-document bodies included:
  // take the bodies from the model's heredocs, which keep them (and their shebangs) verbatim.
  return parseScript(inst.args, false, 0, inst.heredocs.map(h => h.content));
}

// ---- flags -------------------------------------------------------------------------------------------------------

/**
 * Whether a command has a flag: `short` letters match alone or combined (`-y`, `-qy`), `long` names match `--name`
 * or `--name=value`. Stops at `--`.
 */
export function hasFlag(cmd: Pick<ShellCommand, 'args'>, short: string[], long: string[] = []): boolean {
  for (const a of cmd.args) {
    if (a === '--') return false;
    if (a.startsWith('--')) {
      const name = a.slice(2).split('=', 1)[0];
      if (long.includes(name)) return true;
    } else if (a.startsWith('-') && a.length > 1 && /^-[A-Za-z0-9]+$/.test(a)) {
      for (const s of short) if (a.slice(1).includes(s)) return true;
    } else if (a.startsWith('-') && a.includes('=')) {
      // `-q=2`
      const name = a.slice(1).split('=', 1)[0];
      if (short.includes(name)) return true;
    }
  }
  return false;
}

/** Values given to an option, e.g. `-o APT::Install-Recommends=false` or `--opt=value`. */
export function flagValues(cmd: Pick<ShellCommand, 'args'>, short: string[], long: string[] = []): string[] {
  const out: string[] = [];
  const a = cmd.args;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (x === '--') break;
    for (const s of short) {
      if (x === `-${s}` && i + 1 < a.length) out.push(a[i + 1]);
      else if (x.startsWith(`-${s}`) && !x.startsWith('--') && x.length > s.length + 1) out.push(x.slice(s.length + 1).replace(/^=/, ''));
    }
    for (const l of long) {
      if (x === `--${l}` && i + 1 < a.length) out.push(a[i + 1]);
      else if (x.startsWith(`--${l}=`)) out.push(x.slice(l.length + 3));
    }
  }
  return out;
}

/** Whether a word is (or contains) a shell variable, whose value the linter cannot know. */
export const isVariable = (word: string): boolean => word.includes('$');

// ---- package managers ----------------------------------------------------------------------------------------------

export type PackageManager = 'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'npm' | 'gem';

export interface PackageCommand {
  manager: PackageManager;
  /** e.g. `install`, `add`, `update`, `clean` */
  subcommand: string;
  /** Words after the subcommand that are not flags nor flag values: packages for an install. */
  packages: string[];
  command: ShellCommand;
}

/** Options that take a separate value word, per manager (so the value is not taken for a package or subcommand). */
const VALUE_OPTIONS: Record<PackageManager, string[]> = {
  'apt-get': ['-o', '-t', '-c', '--option', '--target-release', '--default-release', '--config-file'],
  apt: ['-o', '-t', '-c', '--option', '--target-release', '--default-release', '--config-file'],
  apk: ['-X', '-t', '-p', '--repository', '--virtual', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file'],
  yum: ['-c', '-d', '-e', '-R', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt', '--exclude', '-x'],
  dnf: ['-c', '-d', '-e', '-R', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt', '--exclude', '-x', '--repo'],
  microdnf: ['--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt'],
  zypper: ['-r', '--repo', '--root', '-R'],
  pip: [
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f',
    '--find-links', '-t', '--target', '--prefix', '--root', '--src', '-b', '--build', '--platform', '--python-version',
    '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--proxy', '--trusted-host',
    '--upgrade-strategy', '--cache-dir', '--log', '--timeout', '--retries', '--config-settings', '-C', '--report'
  ],
  npm: ['--prefix', '-w', '--workspace', '--registry', '--cache'],
  gem: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform']
};

function managerOf(cmd: ShellCommand): { manager: PackageManager; args: string[] } | undefined {
  const n = cmd.name;
  if (n === 'apt-get' || n === 'apt' || n === 'apk' || n === 'yum' || n === 'dnf' || n === 'microdnf' || n === 'zypper' || n === 'npm' || n === 'gem') {
    return { manager: n, args: cmd.args };
  }
  if (/^pip(\d+(\.\d+)*)?$/.test(n)) return { manager: 'pip', args: cmd.args };
  // python -m pip install ..., python3.12 -m pip ...
  if (/^python(\d+(\.\d+)*)?$/.test(n)) {
    const m = cmd.args.indexOf('-m');
    if (m >= 0 && cmd.args[m + 1] === 'pip') return { manager: 'pip', args: cmd.args.slice(m + 2) };
  }
  // uv pip install ...
  if (n === 'uv' && cmd.args[0] === 'pip') return { manager: 'pip', args: cmd.args.slice(1) };
  return undefined;
}

/** The package-manager invocation a command is, if any (`apt-get install`, `pip install`, `apk add`, `yum clean`...). */
export function packageCommand(cmd: ShellCommand): PackageCommand | undefined {
  const m = managerOf(cmd);
  if (!m) return undefined;
  const valueOptions = new Set(VALUE_OPTIONS[m.manager]);
  let subcommand: string | undefined;
  const packages: string[] = [];
  let afterDashDash = false;
  for (let i = 0; i < m.args.length; i++) {
    const a = m.args[i];
    if (!afterDashDash && a === '--') {
      afterDashDash = true;
      continue;
    }
    if (!afterDashDash && a.startsWith('-') && a.length > 1) {
      if (valueOptions.has(a)) i++;
      continue;
    }
    if (subcommand === undefined) subcommand = a;
    else packages.push(a);
  }
  if (subcommand === undefined) return undefined;
  return { manager: m.manager, subcommand, packages, command: cmd };
}

/** Every package-manager invocation of a script, optionally only those of one manager and subcommand(s). */
export function packageCommands(script: ParsedScript, manager?: PackageManager | PackageManager[], subcommands?: string[]): PackageCommand[] {
  const managers = manager === undefined ? undefined : Array.isArray(manager) ? manager : [manager];
  const out: PackageCommand[] = [];
  for (const c of script.commands) {
    const p = packageCommand(c);
    if (!p) continue;
    if (managers && !managers.includes(p.manager)) continue;
    if (subcommands && !subcommands.includes(p.subcommand)) continue;
    out.push(p);
  }
  return out;
}

/** Whether the script removes a path at or below `prefix` with `rm` (e.g. `rm -rf /var/lib/apt/lists/*`). */
export function removesPath(script: ParsedScript, prefix: string): boolean {
  const bare = prefix.replace(/\/+$/, '');
  return script.commands.some(
    c => c.name === 'rm' && c.args.some(a => !a.startsWith('-') && (a === bare || a.startsWith(`${bare}/`) || a.startsWith(`${bare}*`)))
  );
}

/** Targets of the RUN's `--mount=type=cache|tmpfs,target=...` flags: nothing written there stays in the layer. */
export function cacheMountTargets(mounts: string[]): string[] {
  const out: string[] = [];
  for (const m of mounts) {
    let type = 'bind';
    let target: string | undefined;
    for (const part of m.split(',')) {
      const eq = part.indexOf('=');
      const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const v = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
      if (k === 'type') type = v;
      else if (k === 'target' || k === 'dst' || k === 'destination') target = v;
    }
    if ((type === 'cache' || type === 'tmpfs') && target) out.push(target.replace(/\/+$/, '') || '/');
  }
  return out;
}

/** Whether one of the cache/tmpfs mounts covers `path` (the mount is `path` or a parent of it). */
export function mountCovers(mounts: string[], path: string): boolean {
  const p = path.replace(/\/+$/, '');
  return cacheMountTargets(mounts).some(t => p === t || p.startsWith(`${t}/`) || t === '/');
}

// ---- helpers the scorecard and expert rules use ------------------------------------------------------------------
// (Stage and instruction helpers live here too so every rule imports its analysis from one module.)

/** Basename of a program word, e.g. `/usr/bin/apt-get` -> `apt-get`; '' for undefined. */
export function commandName(word: string | undefined): string {
  return word === undefined ? '' : basename(word);
}

const runCache = new WeakMap<object, ParsedScript>();

/** The parsed script of a RUN instruction (cached per instruction object). */
export function runScript(inst: Instruction): ParsedScript {
  let s = runCache.get(inst);
  if (!s) {
    s = inst.keyword === 'RUN' ? parseRun(inst) : { commands: [], hasPipe: false };
    runCache.set(inst, s);
  }
  return s;
}

/** The simple commands a RUN instruction runs (nested ones included); [] for any other instruction. */
export function commandsOf(inst: Instruction): ShellCommand[] {
  return inst.keyword === 'RUN' ? runScript(inst).commands : [];
}

/** The words of `pip install ...` after `install` (flags included), or undefined when the command is not a pip install. */
export function pipInstallArgs(cmd: ShellCommand): string[] | undefined {
  const m = managerOf(cmd);
  if (!m || m.manager !== 'pip') return undefined;
  const i = m.args.indexOf('install');
  if (i < 0) return undefined;
  // everything before `install` must be options (`pip --no-cache-dir install`, `pip -q install`)
  if (m.args.slice(0, i).some(a => !a.startsWith('-'))) return undefined;
  return m.args.slice(i + 1);
}

/**
 * The words of a COPY/ADD written on its command line (here-document bodies excluded), flags removed:
 * sources then destination.
 */
export function copyWords(inst: Instruction): string[] {
  if (inst.heredocs.length === 0 || inst.jsonForm) return inst.argv;
  const first = inst.args.split('\n', 1)[0];
  return first.split(/\s+/).filter(w => w !== '');
}

const WHOLE_CONTEXT = new Set(['.', './', '*', './*', '.*']);

/** A COPY/ADD of the whole build context (`COPY . .`, `COPY ./ /app`), not from another stage. */
export function copiesWholeContext(inst: Instruction): boolean {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return false;
  if (inst.flags.some(f => f.name === 'from')) return false;
  const words = copyWords(inst);
  return words.slice(0, -1).some(w => WHOLE_CONTEXT.has(w));
}

/** The stage `docker build` ships without `--target`: the last one. */
export function finalStageOf(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}

/** The stage, then the stage it is built FROM, and so on (stages only, not images). */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const out: Stage[] = [stage];
  const seen = new Set([stage.index]);
  let s: Stage | undefined = stage;
  while (s && s.baseStage !== undefined && !seen.has(s.baseStage)) {
    seen.add(s.baseStage);
    s = model.stages[s.baseStage];
    if (s) out.push(s);
  }
  return out;
}

/** Instructions that shape the stage's image, inherited ones first: those of the stages it is built FROM, then its own. */
export function effectiveInstructions(model: DockerfileModel, stage: Stage): Instruction[] {
  return stageChain(model, stage)
    .reverse()
    .flatMap(s => s.instructions);
}

/** Names an ENV or ARG instruction declares (`ENV A=1 B=2`, legacy `ENV A 1`, `ARG A`). */
export function envNames(inst: Instruction): string[] {
  if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') return [];
  if (inst.keyword === 'ENV' && inst.argv.length > 0 && !inst.argv[0].includes('=')) return [inst.argv[0]];
  return inst.argv.map(w => w.split('=', 1)[0]).filter(n => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n));
}

/** The values an ENV or ARG sets, by name (`ENV K V` and `K=V` forms; an ARG without a default has none). */
export function envValues(inst: Instruction): Record<string, string> {
  if (inst.keyword !== 'ENV' && inst.keyword !== 'ARG') return {};
  if (inst.keyword === 'ENV' && inst.argv.length > 0 && !inst.argv[0].includes('=')) return { [inst.argv[0]]: inst.argv.slice(1).join(' ') };
  const out: Record<string, string> = {};
  for (const w of inst.argv) {
    const eq = w.indexOf('=');
    if (eq > 0) out[w.slice(0, eq)] = w.slice(eq + 1);
  }
  return out;
}

/** A package name without version, release or architecture: `gcc=4:12` -> `gcc`, `libc6-dev:amd64` -> `libc6-dev`. */
export function packageName(pkg: string): string {
  return pkg.split(/[=<>~!]/, 1)[0].split(':', 1)[0].split('/', 1)[0].toLowerCase();
}

const BUILD_PACKAGES = new Set([
  'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'make', 'cmake', 'ninja-build', 'build-essential', 'build-base',
  'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf', 'pkgconfig', 'gfortran', 'rustc', 'cargo', 'golang',
  'go', 'maven', 'gradle', 'default-jdk', 'openjdk-17-jdk', 'openjdk-21-jdk', 'openjdk-11-jdk', 'musl-dev',
  'linux-headers', 'bison', 'flex', 'meson', 'swig', 'nasm', 'yasm', 'cpp', 'binutils'
]);

/** Whether a package is a compiler, a build tool or development headers (`-dev`, `-devel`). */
export function isBuildPackage(pkg: string): boolean {
  const n = packageName(pkg);
  if (n === '' || n.includes('$')) return false;
  return BUILD_PACKAGES.has(n) || /-(dev|devel|headers)$/.test(n) || /^gcc-\d+$/.test(n) || /^g\+\+-\d+$/.test(n) || /^clang-\d+$/.test(n) || /^openjdk\d*-jdk(-headless)?$/.test(n);
}

const OS_INSTALL: Partial<Record<PackageManager, string[]>> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in']
};

/** An OS package install (`apt-get install`, `apk add`, `yum/dnf/microdnf/zypper install`) with its packages. */
export function osPackageInstall(cmd: ShellCommand): { manager: PackageManager; packages: string[]; virtual?: string } | undefined {
  const p = packageCommand(cmd);
  if (!p || !OS_INSTALL[p.manager]?.includes(p.subcommand)) return undefined;
  const virtual = p.manager === 'apk' ? flagValues(cmd, ['t'], ['virtual'])[0] : undefined;
  return { manager: p.manager, packages: p.packages, virtual };
}

/** A command that compiles or packages software (`go build`, `cargo build`, `npm run build`, `pip wheel`...), as text. */
export function buildCommand(cmd: ShellCommand): string | undefined {
  const n = cmd.name;
  const a = cmd.args;
  const first = a.find(x => !x.startsWith('-'));
  if (n === 'go' && (first === 'build' || first === 'install')) return `go ${first}`;
  if (n === 'cargo' && (first === 'build' || first === 'install')) return `cargo ${first}`;
  if ((n === 'mvn' || n === 'mvnw') && a.some(x => /^(package|install|verify|compile)$/.test(x))) return 'mvn';
  if ((n === 'gradle' || n === 'gradlew') && a.some(x => /^(build|assemble|jar|bootJar|shadowJar|installDist)$/.test(x))) return 'gradle';
  if ((n === 'npm' || n === 'pnpm' || n === 'yarn') && a[0] === 'run' && /build/.test(a[1] ?? '')) return `${n} run ${a[1]}`;
  if ((n === 'yarn' || n === 'pnpm') && a[0] === 'build') return `${n} build`;
  if (/^pip\d*(\.\d+)*$/.test(n) && first === 'wheel') return 'pip wheel';
  if (n === 'dotnet' && (first === 'build' || first === 'publish')) return `dotnet ${first}`;
  if (n === 'gcc' || n === 'g++' || n === 'cc' || n === 'clang' || n === 'javac' || n === 'rustc' || n === 'tsc') return n;
  if (n === 'make' && !a.some(x => x === 'install' || x === 'clean')) return 'make';
  return undefined;
}

/** Indexes of the stages whose layers end up in the shipped image: the final stage and the stages it is built FROM. */
export function shippedStages(model: DockerfileModel): Set<number> {
  const final = finalStageOf(model);
  return new Set(final ? stageChain(model, final).map(s => s.index) : []);
}

/** Every RUN of the stages that ship (see `shippedStages`), with its parsed script, in order. */
export function shippedRuns(model: DockerfileModel): { stage: number; inst: Instruction; script: ParsedScript }[] {
  const shipped = shippedStages(model);
  return model.stages
    .filter(stage => shipped.has(stage.index))
    .flatMap(stage => stage.instructions.filter(i => i.keyword === 'RUN').map(inst => ({ stage: stage.index, inst, script: runScript(inst) })));
}
