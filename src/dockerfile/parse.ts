import { DockerfileParser, Instruction as AstInstruction } from 'dockerfile-ast';
import { argumentsContent, canTokenize, rawArguments, type ContentInstruction, type TokenizedInstruction } from './astArguments';
import { parseImageRef } from './imageRef';
import type {
  Comment,
  Directives,
  DockerfileModel,
  Flag,
  Heredoc,
  ImageRef,
  Instruction,
  ParseProblem,
  Range,
  Stage,
  StageDependency
} from './model';

/** Larger files are not parsed (a Dockerfile this big is a mistake or not a Dockerfile). */
export const MAX_DOCKERFILE_BYTES = 5 * 1024 * 1024;

/** Instructions the Dockerfile frontend knows; anything else is an `unknown instruction` problem. */
const KNOWN_KEYWORDS = new Set([
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'
]);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

// dockerfile-ast does not see `<< 'EOF'` (whitespace before the delimiter) as a heredoc and parses its body as
// instructions, while BuildKit accepts it: https://github.com/rcjsuen/dockerfile-ast/issues/120. We move the
// whitespace after the word before parsing, which keeps every line's length and every other column unchanged.
const SPACED_HEREDOC_TEST = /<<-?[ \t]+["']?[A-Za-z_]/;
const SPACED_HEREDOC = /<<(-?)([ \t]+)(["']?)([A-Za-z_][A-Za-z0-9_]*)\3/g;
const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * dockerfile-ast tokenizes an instruction's arguments anew every time something asks for them: its own parser about
 * four times per instruction, then getArgumentsContent, getFlags and getArguments once or twice each. That was most
 * of lint's time. An instruction's tokens never change once parsed, so they are kept on the instruction itself (a
 * non-enumerable symbol property, so they go with their AST; a WeakMap with an entry per instruction cost the garbage
 * collector more); each caller gets a copy because ModifiableInstruction shifts its flags off the array. The tokens
 * themselves come from a port of dockerfile-ast's tokenizer that makes the same words with far fewer allocations
 * (./astArguments.ts).
 */
const TOKENS = Symbol('stageguard.tokens');
const DOCUMENT_TOKENS = Symbol('stageguard.documentTokens');

type AstRangeLike = ReturnType<TokenizedInstruction['getRange']>;

interface SharedTokens {
  line: AstRangeLike;
  keyword: AstRangeLike;
  escape: string;
  tokens: unknown[];
}

const sameRange = (a: AstRangeLike, b: AstRangeLike): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

/**
 * The tokens of an instruction, shared with an earlier instruction object of the same document that has the same
 * line range, keyword range and escape character (the tokens depend on nothing else): dockerfile-ast's parser makes
 * every instruction twice, first to look for heredocs and then to keep, and tokenizes both.
 */
function tokensOf(inst: TokenizedInstruction): unknown[] {
  const doc = inst.document as TokenizedInstruction['document'] & { [DOCUMENT_TOKENS]?: Map<number, SharedTokens> };
  let byLine = doc[DOCUMENT_TOKENS];
  if (byLine === undefined) {
    byLine = new Map();
    Object.defineProperty(doc, DOCUMENT_TOKENS, { value: byLine, enumerable: false, writable: false });
  }
  const line = inst.getRange();
  const keyword = inst.getInstructionRange();
  const held = byLine.get(line.start.line);
  if (held !== undefined && held.escape === inst.escapeChar && sameRange(held.line, line) && sameRange(held.keyword, keyword)) return held.tokens;
  const tokens = rawArguments(inst);
  byLine.set(line.start.line, { line, keyword, escape: inst.escapeChar, tokens });
  return tokens;
}

{
  const proto = AstInstruction.prototype as unknown as { getRawArguments?: () => unknown[] };
  const raw = proto.getRawArguments;
  if (typeof raw === 'function') {
    proto.getRawArguments = function (this: { [TOKENS]?: unknown[] }): unknown[] {
      let tokens = this[TOKENS];
      if (tokens === undefined) {
        const inst = this as unknown as TokenizedInstruction;
        tokens = canTokenize(inst) ? tokensOf(inst) : raw.call(this);
        Object.defineProperty(this, TOKENS, { value: tokens, enumerable: false, writable: false });
      }
      return (tokens as unknown[]).slice();
    };
  }
}

const r = (line: number, column: number, endLine: number, endColumn: number): Range => ({ line, column, endLine, endColumn });

interface AstRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}
const fromAst = (a: AstRange): Range => r(a.start.line + 1, a.start.character + 1, a.end.line + 1, a.end.character + 1);

/** Decodes bytes as UTF-8 or says why it cannot be a Dockerfile. */
function decode(content: string | Buffer): { text: string } | { problem: string } {
  if (typeof content === 'string') {
    if (content.length > MAX_DOCKERFILE_BYTES) return { problem: `file is larger than ${MAX_DOCKERFILE_BYTES} bytes` };
    if (content.includes('\u0000')) return { problem: 'file is binary (contains NUL bytes), not a Dockerfile' };
    return { text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
  }
  if (content.length > MAX_DOCKERFILE_BYTES) return { problem: `file is larger than ${MAX_DOCKERFILE_BYTES} bytes` };
  if (content.includes(0)) return { problem: 'file is binary (contains NUL bytes), not a Dockerfile' };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  } catch {
    return { problem: 'file is not valid UTF-8' };
  }
}

export interface Substitution {
  value: string;
  /** Names referenced that have no value (declared without default, or not declared at all). */
  missing: string[];
  /** Names referenced that are not declared at all. */
  undeclared: string[];
}

/**
 * Substitutes `$A`, `${A}`, `${A:-default}`, `${A-default}`, `${A:+alt}`, `${A+alt}` like the Dockerfile frontend.
 * `vars` maps declared names to their value (undefined when declared without a default).
 */
export function substituteArgs(text: string, vars: Record<string, string | undefined>): Substitution {
  const missing: string[] = [];
  const undeclared: string[] = [];
  if (!text.includes('$')) return { value: text, missing, undeclared };
  const value = text.replace(VARIABLE, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const declared = Object.prototype.hasOwnProperty.call(vars, name);
    const v = declared ? vars[name] : undefined;
    if (op === ':-') return v !== undefined && v !== '' ? v : word ?? '';
    if (op === '-') return v !== undefined ? v : word ?? '';
    if (op === ':+') return v !== undefined && v !== '' ? word ?? '' : '';
    if (op === '+') return v !== undefined ? word ?? '' : '';
    if (v === undefined) {
      missing.push(name);
      if (!declared) undeclared.push(name);
      return '';
    }
    return v;
  });
  return { value, missing, undeclared };
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/**
 * Splits instruction arguments into words as the Dockerfile frontend does for ARG: whitespace separates words only
 * outside quotes and when not escaped; quotes and escapes stay in the word (`expandWord` removes them).
 */
function splitWords(text: string, escape: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === escape && quote !== "'" && i + 1 < text.length) {
      word += c + text[++i];
      continue;
    }
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (/\s/.test(c)) {
      if (word !== '') words.push(word);
      word = '';
      continue;
    }
    word += c;
  }
  if (word !== '') words.push(word);
  return words;
}

/**
 * Quote removal and ARG substitution of one word, like the frontend's shell lexer: `"a b"` is `a b`,
 * `alpine:"${TAG}"` substitutes TAG, nothing inside single quotes is substituted, and an escaped character is kept
 * literally.
 */
function expandWord(word: string, vars: Record<string, string | undefined>, escape = '\\'): Substitution {
  const out: Substitution = { value: '', missing: [], undeclared: [] };
  let pending = '';
  const flush = (): void => {
    const s = substituteArgs(pending, vars);
    out.value += s.value;
    out.missing.push(...s.missing);
    out.undeclared.push(...s.undeclared);
    pending = '';
  };
  let quote: string | null = null;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else out.value += c;
      continue;
    }
    if (c === escape && i + 1 < word.length && (quote === null || /["$`]/.test(word[i + 1]) || word[i + 1] === escape)) {
      flush();
      out.value += word[++i];
      continue;
    }
    if (c === quote) {
      flush();
      quote = null;
      continue;
    }
    if (quote === null && (c === '"' || c === "'")) {
      flush();
      quote = c;
      continue;
    }
    pending += c;
  }
  flush();
  return out;
}

/** `NAME=value` / `NAME` words of an ARG instruction; values keep their quotes (see `expandWord`). */
function argDeclarations(inst: Instruction, escape: string): { name: string; value?: string }[] {
  const out: { name: string; value?: string }[] = [];
  for (const word of splitWords(inst.args, escape)) {
    const eq = word.indexOf('=');
    if (eq < 0) out.push({ name: word });
    else out.push({ name: word.slice(0, eq), value: word.slice(eq + 1) });
  }
  return out;
}

function parseJsonArray(args: string): string[] | undefined {
  const t = args.trim();
  if (t[0] !== '[' || t[t.length - 1] !== ']') return undefined;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every(x => typeof x === 'string')) return v as string[];
  } catch {
    /* not JSON: shell form */
  }
  return undefined;
}

/** The text of a file with no CR, and the offset where each of its lines starts: a span of lines is one slice of it. */
interface LineSource {
  text: string;
  starts: number[];
}

function lineSource(text: string, lines: string[]): LineSource | undefined {
  if (text.includes('\r')) return undefined;
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return { text, starts };
}

function sliceText(lines: string[], range: Range, source?: LineSource): string {
  if (range.line === range.endLine) return (lines[range.line - 1] ?? '').slice(range.column - 1, range.endColumn - 1);
  const first = range.line - 1;
  const last = range.endLine - 1;
  if (source && first >= 0 && first < last && last < lines.length && range.column >= 1 && range.endColumn >= 1 && range.column - 1 <= lines[first].length && range.endColumn - 1 <= lines[last].length) {
    // the lines joined with \n, as below, are the file's own text there: a slice of it instead of a copy
    return source.text.slice(source.starts[first] + range.column - 1, source.starts[last] + range.endColumn - 1);
  }
  const parts = [(lines[range.line - 1] ?? '').slice(range.column - 1)];
  for (let l = range.line + 1; l < range.endLine; l++) parts.push(lines[l - 1] ?? '');
  parts.push((lines[range.endLine - 1] ?? '').slice(0, range.endColumn - 1));
  return parts.join('\n');
}

function emptyModel(path: string, text: string, problems: ParseProblem[]): DockerfileModel {
  return {
    path,
    text,
    lines: text === '' ? [] : text.split(/\r?\n/),
    directives: { escape: '\\' },
    globalArgs: {},
    instructions: [],
    stages: [],
    comments: [],
    problems
  };
}

/** The parts of dockerfile-ast's Instruction (and its RUN/COPY/ADD subclasses) we read. */
interface AstWithFlags {
  getKeyword(): string;
  getRange(): AstRange;
  getInstructionRange(): AstRange;
  getArgumentsContent(): string | null;
  getArguments(): { getValue(): string; getRange(): AstRange }[];
  getFlags?: () => { getName(): string; getValue(): string | null }[];
  getTriggerInstruction?: () => unknown;
  getHeredocs?: () => {
    getName(): string;
    getStartRange(): AstRange;
    getContentRange(): AstRange | null;
    getDelimiterRange(): AstRange | null;
  }[];
}

function convertInstruction(ast: AstWithFlags, lines: string[], problems: ParseProblem[], source?: LineSource): Instruction {
  const keyword = ast.getKeyword();
  const range = fromAst(ast.getRange());
  const keywordRange = fromAst(ast.getInstructionRange());
  const port = ast as unknown as ContentInstruction;
  // the words after the flags, asked for once (argumentsContent and argv both read them)
  const words = ast.getArguments();
  let args = ((canTokenize(port) ? argumentsContent(port, words) : ast.getArgumentsContent()) ?? '').trim();
  let commentInside = false;
  if (range.endLine > range.line && args.includes('#')) {
    // dockerfile-ast keeps some comment lines inside continuations in the arguments; BuildKit drops them.
    for (let l = range.line + 1; l <= range.endLine; l++) {
      const t = (lines[l - 1] ?? '').trim();
      if (t.startsWith('#') && args.includes(t)) {
        args = args.replace(`${t}\n`, '').replace(t, '');
        commentInside = true;
      }
    }
    args = args.trim();
  }
  const flags: Flag[] = ast.getFlags ? ast.getFlags().map(f => ({ name: f.getName(), value: f.getValue() ?? undefined })) : [];
  const json = parseJsonArray(args);
  const argv = json ?? (commentInside ? args.split(/\s+/).filter(Boolean) : words.map(a => a.getValue()));
  const mounts = flags.filter(f => f.name === 'mount' && f.value !== undefined).map(f => f.value!);
  const heredocs: Heredoc[] = [];
  if (HEREDOC_KEYWORDS.has(keyword) && ast.getHeredocs && args.includes('<<')) {
    try {
      for (const h of ast.getHeredocs()) {
        const name = h.getName();
        if (!name) continue;
        const start = h.getStartRange();
        const content = h.getContentRange();
        const end = h.getDelimiterRange();
        if (!end) {
          problems.push({ message: `heredoc <<${name} is never closed by a line reading ${name}`, range: fromAst(start) });
          continue;
        }
        heredocs.push({
          name,
          content: content ? sliceText(lines, fromAst(content), source) : '',
          range: r(start.start.line + 1, start.start.character + 1, end.end.line + 1, end.end.character + 1)
        });
      }
    } catch (e) {
      // getHeredocs() can throw on malformed heredocs; the rest of the instruction is still usable.
      problems.push({ message: `malformed heredoc: ${(e as Error).message}`, range: keywordRange });
    }
  }
  const inst: Instruction = {
    keyword,
    args,
    argv,
    jsonForm: json !== undefined,
    flags,
    mounts,
    heredocs,
    range,
    keywordRange,
    text: sliceText(lines, range, source),
    stageIndex: -1
  };
  if (keyword === 'ONBUILD' && ast.getTriggerInstruction) {
    const trigger = ast.getTriggerInstruction() as AstWithFlags | null;
    // problems of the trigger (an unclosed heredoc) are the ONBUILD's own
    if (trigger) inst.trigger = convertInstruction(trigger, lines, problems, source);
  }
  return inst;
}

/** `from=` of a `--mount` value, e.g. `type=bind,from=build,source=/out` -> `build`. */
function mountFrom(mount: string): string | undefined {
  for (const part of mount.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toLowerCase() === 'from') return unquote(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Parses a Dockerfile into the model every feature uses. Never throws: undecodable, binary, empty or oversized
 * input, unknown instructions, unclosed heredocs and unresolvable FROMs become `problems` with a line.
 */
export function parseDockerfile(path: string, content: string | Buffer): DockerfileModel {
  const decoded = decode(content);
  if ('problem' in decoded) return emptyModel(path, '', [{ message: decoded.problem, range: r(1, 1, 1, 1) }]);
  const text = decoded.text;
  try {
    return buildModel(path, text);
  } catch (e) {
    // dockerfile-ast is not ours; whatever it throws on becomes a problem rather than a crash.
    return emptyModel(path, text, [{ message: `could not parse: ${(e as Error).message}`, range: r(1, 1, 1, 1) }]);
  }
}

function buildModel(path: string, text: string): DockerfileModel {
  // split(/\r?\n/), without the regex for a file with no CR in it
  const lines = text.includes('\r') ? text.split(/\r?\n/) : text.split('\n');
  const problems: ParseProblem[] = [];
  if (text.trim() === '') return emptyModel(path, text, [{ message: 'file is empty', range: r(1, 1, 1, 1) }]);

  let parseText = text;
  if (SPACED_HEREDOC_TEST.test(text)) {
    parseText = text.replace(SPACED_HEREDOC, (_m, dash: string, space: string, q: string, word: string) => `<<${dash}${q}${word}${q}${space}`);
  }
  const ast = DockerfileParser.parse(parseText);

  const directives: Directives = { escape: ast.getEscapeCharacter() };
  for (const d of ast.getDirectives()) {
    const name = d.getName().toLowerCase();
    if (name === 'syntax') directives.syntax = d.getValue();
    else if (name === 'check') directives.check = d.getValue();
  }
  const comments: Comment[] = ast.getComments().map(c => ({ line: c.getRange().start.line + 1, text: c.getContent().trim() }));

  const instructions: Instruction[] = [];
  const source = lineSource(text, lines);
  for (const a of ast.getInstructions()) instructions.push(convertInstruction(a as unknown as AstWithFlags, lines, problems, source));

  const globalArgs: Record<string, string | undefined> = {};
  const stages: Stage[] = [];
  const nameToIndex = new Map<string, number>();
  let current: Stage | undefined;
  for (const inst of instructions) {
    if (!KNOWN_KEYWORDS.has(inst.keyword)) {
      problems.push({ message: `unknown instruction: ${inst.text.split(/\s/, 1)[0]}`, range: inst.keywordRange });
    }
    if (inst.keyword === 'FROM') {
      current = makeStage(inst, stages.length, globalArgs, nameToIndex, stages, problems);
      stages.push(current);
      if (current.name !== undefined && !nameToIndex.has(current.name.toLowerCase())) nameToIndex.set(current.name.toLowerCase(), current.index);
      continue;
    }
    if (!current) {
      if (inst.keyword === 'ARG') {
        for (const d of argDeclarations(inst, directives.escape)) {
          globalArgs[d.name] = d.value === undefined ? undefined : expandWord(d.value, globalArgs, directives.escape).value;
        }
      } else if (KNOWN_KEYWORDS.has(inst.keyword)) {
        problems.push({ message: `${inst.keyword} before the first FROM (only ARG may come before FROM)`, range: inst.keywordRange });
      }
      continue;
    }
    inst.stageIndex = current.index;
    if (inst.trigger) inst.trigger.stageIndex = current.index;
    current.instructions.push(inst);
    current.range = r(current.range.line, current.range.column, inst.range.endLine, inst.range.endColumn);
    addDependencies(current, inst, globalArgs, nameToIndex);
  }
  if (stages.length === 0 && problems.length === 0) {
    problems.push({ message: 'no FROM instruction', range: r(1, 1, 1, 1) });
  }
  for (const s of stages) {
    const needs = new Set<number>();
    for (const d of s.dependencies) {
      if (d.stage === undefined || d.stage === s.index) continue;
      needs.add(d.stage);
      if (d.stage < s.index) for (const n of stages[d.stage].needs) needs.add(n);
    }
    needs.delete(s.index);
    s.needs = [...needs].sort((a, b) => a - b);
  }
  problems.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
  return { path, text, lines, directives, globalArgs, instructions, stages, comments, problems };
}

function makeStage(
  inst: Instruction,
  index: number,
  globalArgs: Record<string, string | undefined>,
  nameToIndex: Map<string, number>,
  stages: Stage[],
  problems: ParseProblem[]
): Stage {
  inst.stageIndex = index;
  const raw = inst.argv[0] ?? '';
  let name: string | undefined;
  let asKeyword: string | undefined;
  if (inst.argv.length >= 3 && inst.argv[1].toLowerCase() === 'as') {
    asKeyword = inst.argv[1];
    name = inst.argv[2];
  }
  const sub = substituteArgs(raw, globalArgs);
  let base: ImageRef = parseImageRef(raw, sub.value, sub.missing.length === 0);
  let baseStage: number | undefined;
  if (raw === '') {
    problems.push({ message: 'FROM without an image', range: inst.keywordRange });
  } else if (sub.undeclared.length > 0 || (sub.value.trim() === '' && sub.missing.length === 0)) {
    // a global ARG declared without a default is fine (given with --build-arg): the ref is then not fully resolved
    problems.push({
      message: `cannot resolve FROM ${raw}: ${sub.undeclared.length ? `no global ARG ${sub.undeclared.join(', ')} is declared` : 'it is empty'}`,
      range: inst.range
    });
  }
  const earlier = nameToIndex.get(sub.value.toLowerCase());
  if (earlier !== undefined && sub.value !== '') {
    baseStage = earlier;
    base = { ...stages[earlier].base, raw, resolved: sub.value };
  }
  const platformFlag = inst.flags.find(f => f.name === 'platform');
  const stage: Stage = {
    index,
    name,
    asKeyword,
    base,
    baseStage,
    platform: platformFlag?.value,
    from: inst,
    instructions: [],
    dependencies: [],
    needs: [],
    range: { ...inst.range }
  };
  if (baseStage !== undefined) stage.dependencies.push({ kind: 'from', ref: sub.value, stage: baseStage, instruction: inst });
  return stage;
}

function resolveRef(
  ref: string,
  self: Stage,
  nameToIndex: Map<string, number>
): { stage?: number; image?: ImageRef } {
  if (/^\d+$/.test(ref)) {
    const n = Number(ref);
    return n <= self.index ? { stage: n } : {};
  }
  const lower = ref.toLowerCase();
  const idx = nameToIndex.get(lower);
  if (idx !== undefined) return { stage: idx };
  if (self.name !== undefined && self.name.toLowerCase() === lower) return { stage: self.index };
  return { image: parseImageRef(ref) };
}

function addDependencies(stage: Stage, inst: Instruction, globalArgs: Record<string, string | undefined>, nameToIndex: Map<string, number>): void {
  if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
    const from = inst.flags.find(f => f.name === 'from');
    if (from?.value) {
      const ref = substituteArgs(from.value, globalArgs).value;
      stage.dependencies.push({ kind: 'copy', ref, ...resolveRef(ref, stage, nameToIndex), instruction: inst });
    }
  } else if (inst.keyword === 'RUN') {
    for (const m of inst.mounts) {
      const f = mountFrom(m);
      if (f === undefined) continue;
      const ref = substituteArgs(f, globalArgs).value;
      stage.dependencies.push({ kind: 'mount', ref, ...resolveRef(ref, stage, nameToIndex), instruction: inst } as StageDependency);
    }
  }
}

/** The stage the build ships by default: the last one. */
export function finalStage(model: DockerfileModel): Stage | undefined {
  return model.stages[model.stages.length - 1];
}
