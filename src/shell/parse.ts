/**
 * The shell tokenizer for RUN bodies. Pure: text in, commands out.
 *
 * This is not a full POSIX shell parser. It splits a script into simple commands on `&&`, `||`, `|`, `;`, `&`,
 * newlines and parentheses; honours quotes, backslash escapes, comments, `$(...)`, backticks and here-documents;
 * drops redirections; strips leading `VAR=value` assignments, wrappers (`sudo`, `env`, `nohup`...) and control
 * keywords (`if`, `then`, `do`...); and parses nested scripts (`$(...)`, backticks, `sh -c '...'`) as commands marked
 * `nested`. That is what Dockerfile rules need: which programs run, with which flags and arguments, and where the
 * pipes are.
 */
import type { Instruction } from '../dockerfile/model';

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
// a Map: a command named `constructor` or `__proto__` must not find Object.prototype's members
const WRAPPERS = new Map<string, { valueFlags: Set<string>; positional: number }>(Object.entries({
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
}));
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Characters the tokenizer looks at (ASCII codes); any other character simply joins the current word. */
const SPECIAL = new Uint8Array(128);
for (const c of '\\\'"$`#\n \t\r&|;()<>') SPECIAL[c.charCodeAt(0)] = 1;

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
    flush();
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
  // The current word's value is `word.value` followed by script[runStart, runEnd): text is appended to a word as
  // slices of the script, joined only when they are not adjacent (one concatenation per character made long words
  // quadratic). `flush` must run before the value is read; dropping the word drops the run with it.
  let runStart = -1;
  let runEnd = -1;
  const flush = (): void => {
    if (runStart !== -1 && word !== null) word.value += script.slice(runStart, runEnd);
    runStart = -1;
  };
  const add = (from: number, to: number): void => {
    w();
    if (runStart !== -1 && runEnd === from) runEnd = to;
    else {
      flush();
      runStart = from;
      runEnd = to;
    }
  };
  const dropWord = (): void => {
    runStart = -1;
    word = null;
  };

  let i = 0;
  const n = script.length;
  while (i < n) {
    const c = script[i];
    if (c === '\\') {
      if (script[i + 1] === '\n') i += 2;
      else if (script[i + 1] === '\r' && script[i + 2] === '\n') i += 3;
      else {
        if (i + 1 < n) add(i + 1, i + 2);
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      const end = script.indexOf("'", i + 1);
      const stop = end < 0 ? n : end;
      add(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '"') {
      const cur = w();
      i++;
      while (i < n && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < n && '"\\$`\n'.includes(script[i + 1])) {
          if (script[i + 1] !== '\n') add(i + 1, i + 2);
          i += 2;
        } else if (script[i] === '$' && script[i + 1] === '(' && script[i + 2] !== '(') {
          const end = skipBalanced(script, i + 2, '(', ')');
          cur.substitutions.push(script.slice(i + 2, end - 1));
          add(i, end);
          i = end;
        } else if (script[i] === '`') {
          const end = script.indexOf('`', i + 1);
          const stop = end < 0 ? n : end;
          cur.substitutions.push(script.slice(i + 1, stop));
          add(i, Math.min(stop + 1, n));
          i = stop + 1;
        } else {
          add(i, i + 1);
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
      add(i, end);
      i = end;
      continue;
    }
    if (c === '$' && script[i + 1] === '{') {
      const end = skipBalanced(script, i + 2, '{', '}');
      add(i, end);
      i = end;
      continue;
    }
    if (c === '`') {
      const end = script.indexOf('`', i + 1);
      const stop = end < 0 ? n : end;
      const cur = w();
      cur.substitutions.push(script.slice(i + 1, stop));
      add(i, Math.min(stop + 1, n));
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
      flush();
      const fdWord = word !== null && /^\d+$/.test((word as Word).value);
      if (fdWord) dropWord();
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
      flush();
      if (word !== null && /^\d*$/.test((word as Word).value) && (word as Word).substitutions.length === 0) dropWord();
      else if (word !== null && (word as Word).value === '&') dropWord();
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
    // an ordinary character: it and the ordinary ones after it join the word (none of them is looked at above)
    let j = i + 1;
    for (; j < n; j++) {
      const k = script.charCodeAt(j);
      if (k < 128 && SPECIAL[k] === 1) break;
    }
    add(i, j);
    i = j;
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
    const wrapper = WRAPPERS.get(head);
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

/** Basename of a program word, e.g. `/usr/bin/apt-get` -> `apt-get`; '' for undefined. */
export function commandName(word: string | undefined): string {
  return word === undefined ? '' : basename(word);
}
