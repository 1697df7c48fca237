/**
 * dockerfile-ast's argument tokenizer (`Instruction.getRawArguments`, dockerfile-ast 0.7.1), ported step for step
 * with three changes that do not change its result: a word is built from slices of the text instead of one string
 * concatenation per character (which made long words quadratic and was most of the parser's allocations); positions
 * are found by walking forward from the previous one instead of `positionAt`'s binary search over all lines; and a
 * range is made as the `{ start, end }` literal `Range.create(start, end)` returns for two positions, without its
 * validation (the positions are valid by construction). Same words, same ranges, same
 * `Argument` objects; __tests__/dockerfile/astArguments.test.ts compares it with the original.
 */
import { Argument } from 'dockerfile-ast';

/** The members of dockerfile-ast's Instruction the tokenizer reads (protected or private in its typings). */
export interface TokenizedInstruction {
  document: {
    getText(): string;
    offsetAt(p: { line: number; character: number }): number;
    positionAt(offset: number): { line: number; character: number };
  };
  escapeChar: string;
  getRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
  getInstructionRange(): { start: { line: number; character: number }; end: { line: number; character: number } };
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;
const HASH = 0x23;
const DOLLAR = 0x24;

/** Whether the port applies: dockerfile-ast only ever gives an instruction `\` or `` ` `` as its escape character. */
export function canTokenize(inst: TokenizedInstruction): boolean {
  return typeof inst.escapeChar === 'string' && inst.escapeChar.length === 1 && typeof inst.document?.positionAt === 'function';
}

/** The words of an instruction after its keyword, as dockerfile-ast's `getRawArguments` makes them. */
export function rawArguments(inst: TokenizedInstruction): Argument[] {
  const doc = inst.document;
  const args: Argument[] = [];
  const range = inst.getInstructionRange();
  const line = inst.getRange();
  const text = doc.getText();
  // Line.getTextContent(), then the part after the keyword
  const lineStart = doc.offsetAt(line.start);
  const content = text.substring(lineStart, doc.offsetAt(line.end));
  const extra = doc.offsetAt(range.end) - doc.offsetAt(range.start);
  const fullArgs = content.substring(extra);
  const offset = doc.offsetAt(range.start) + extra;
  const escape = inst.escapeChar.charCodeAt(0);
  const length = fullArgs.length;
  // doc.positionAt(o) for the offsets asked here, which never decrease and lie within this instruction: the line is
  // found by walking on from the last one (line breaks looked up in the instruction's own text) instead of a binary
  // search over every line. Same lines as computeLineOffsets (CR LF is one break, a lone CR or LF is one), same step
  // back before a line break as ensureBeforeEOL.
  let atLine = line.start.line;
  let atLineStart = doc.offsetAt({ line: atLine, character: 0 });
  const breakAfter = (ch: string, from: number): number => {
    const k = content.indexOf(ch, Math.max(0, from - lineStart));
    return k === -1 ? -1 : lineStart + k;
  };
  let nextLf = breakAfter('\n', atLineStart);
  let nextCr = breakAfter('\r', atLineStart);
  const at = (target: number): { line: number; character: number } => {
    let o = Math.max(Math.min(target, text.length), 0);
    if (o < atLineStart) return doc.positionAt(o);
    for (;;) {
      if (nextLf !== -1 && nextLf < atLineStart) nextLf = breakAfter('\n', atLineStart);
      if (nextCr !== -1 && nextCr < atLineStart) nextCr = breakAfter('\r', atLineStart);
      const lineBreak = nextCr === -1 ? nextLf : nextLf === -1 ? nextCr : Math.min(nextLf, nextCr);
      if (lineBreak === -1 || lineBreak >= o) break;
      if (lineBreak === nextCr && text.charCodeAt(lineBreak + 1) === LF) {
        // CR LF: one break; an offset between the two stays on this line
        if (lineBreak + 2 > o) break;
        atLineStart = lineBreak + 2;
      } else atLineStart = lineBreak + 1;
      atLine++;
    }
    while (o > atLineStart && (text.charCodeAt(o - 1) === CR || text.charCodeAt(o - 1) === LF)) o--;
    return { line: atLine, character: o - atLineStart };
  };

  let start = false;
  let comment = false;
  let found = -1;
  // determines whether the parser has found a space or tab whitespace character that's a part of an escaped newline sequence
  let escapedWhitespaceDetected = false;
  // determines if the parser is currently in an escaped newline sequence
  let escaping = false;
  let escapeMarker = -1;
  // the word so far: `done`, then fullArgs[runStart, runEnd) (the original appends to one string per character)
  let done = '';
  let runStart = -1;
  let runEnd = -1;

  for (let i = 0; i < length; i++) {
    const char = fullArgs.charCodeAt(i);
    if (char === SPACE || char === TAB || char === CR || char === LF) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (char === CR || char === LF) {
          // reached a newline, any previously detected whitespace should be ignored
          escapedWhitespaceDetected = false;
          if (comment) {
            // reached a newline, no longer in a comment
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        const value = runStart === -1 ? done : done + fullArgs.substring(runStart, runEnd);
        const end = escapeMarker === -1 ? i : escapeMarker;
        args.push(new Argument(value, { start: at(offset + found), end: at(offset + end) }));
        escapeMarker = -1;
        done = '';
        runStart = runEnd = -1;
        found = -1;
      }
    } else if (char === escape) {
      const next = i + 1 < length ? fullArgs.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        whitespaceCheck: for (let j = i + 2; j < length; j++) {
          const c = fullArgs.charCodeAt(j);
          switch (c) {
            case SPACE:
            case TAB:
              continue;
            case CR:
            case LF:
              // the original's `case '\r': j++;` falls through to `case '\n'`
              if (c === CR) j++;
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === CR) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === LF) {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          const value = runStart === -1 ? done : done + fullArgs.substring(runStart, runEnd);
          args.push(new Argument(value, { start: at(offset + found), end: at(offset + escapeMarker) }));
          done = '';
          runStart = runEnd = -1;
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === -1) {
          // reached EOF, stop processing
          break;
        }
        // `\$` keeps the escape character; any other escaped character stands for itself
        const from = next === DOLLAR ? i : i + 1;
        if (runEnd === from) runEnd = i + 2;
        else {
          if (runStart !== -1) done += fullArgs.substring(runStart, runEnd);
          runStart = from;
          runEnd = i + 2;
        }
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === HASH) {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          const value = runStart === -1 ? done : done + fullArgs.substring(runStart, runEnd);
          args.push(new Argument(value, { start: at(offset + found), end: at(offset + escapeMarker) }));
          done = '';
          runStart = runEnd = -1;
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        if (runEnd === i) runEnd = i + 1;
        else {
          if (runStart !== -1) done += fullArgs.substring(runStart, runEnd);
          runStart = i;
          runEnd = i + 1;
        }
        if (found === -1) found = i;
        // the ordinary characters that follow go the same way and change nothing but where the word ends
        let j = i + 1;
        for (; j < length; j++) {
          const c = fullArgs.charCodeAt(j);
          if (c === SPACE || c === TAB || c === CR || c === LF || c === escape) break;
        }
        runEnd = j;
        i = j - 1;
      }
      // non-whitespace character detected, reset
      start = false;
    }
  }
  if (found !== -1) {
    const value = runStart === -1 ? done : done + fullArgs.substring(runStart, runEnd);
    const end = escapeMarker === -1 ? length : escapeMarker;
    args.push(new Argument(value, { start: at(offset + found), end: at(offset + end) }));
  }
  return args;
}

/** The members of dockerfile-ast's Instruction `argumentsContent` reads besides the tokenizer's. */
export interface ContentInstruction extends TokenizedInstruction {
  getArguments(): { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  getTextContent(): string;
}

/**
 * dockerfile-ast's `getArgumentsContent()` (0.7.1): the text of the ranges its `getArgumentsRanges()` makes (each
 * line of a continued instruction from its first column, up to its last argument character), joined. Ported step
 * for step on offsets: `offsetAt(positionAt(x))` is x except between a CR and its LF, where it is the CR, and a
 * `Position(line, 0)` is the offset of that line's start; no positions or ranges are made. `args` is
 * `inst.getArguments()` (the original asks for it twice and gets the same words). Same text;
 * __tests__/dockerfile/astArguments.test.ts compares it with the original.
 */
export function argumentsContent(inst: ContentInstruction, args: ReturnType<ContentInstruction['getArguments']> = inst.getArguments()): string | null {
  if (args.length === 0) return null;
  const doc = inst.document;
  const text = doc.getText();
  const first = args[0].getRange().start;
  const last = args[args.length - 1].getRange().end;
  if (first.line === last.line) return text.substring(doc.offsetAt(first), doc.offsetAt(last));

  /** offsetAt(positionAt(x)) */
  const fix = (x: number): number => {
    const o = Math.max(Math.min(x, text.length), 0);
    return o > 0 && text.charCodeAt(o - 1) === CR && text.charCodeAt(o) === LF ? o - 1 : o;
  };
  /** The offset of the start of the line x is on (as computeLineOffsets splits lines). */
  const lineStartOf = (x: number): number => {
    let k = Math.max(Math.min(x, text.length), 0);
    while (k > 0) {
      const c = text.charCodeAt(k - 1);
      if (c === LF || (c === CR && text.charCodeAt(k) !== LF)) break;
      k--;
    }
    return k;
  };

  const escape = inst.escapeChar.charCodeAt(0);
  const rangeStart = doc.offsetAt(inst.getInstructionRange().start);
  const firstOffset = doc.offsetAt(first);
  const extra = firstOffset - rangeStart;
  const fullArgs = inst.getTextContent().substring(extra, doc.offsetAt(last) - rangeStart);
  const offset = rangeStart + extra;
  const length = fullArgs.length;
  let out = '';
  let end = -1;
  // the start of the current range as an offset; -1 where the original's startPosition is null
  let startOffset = firstOffset;
  let comment = false;
  for (let i = 0; i < length; i++) {
    const char = fullArgs.charCodeAt(i);
    if (char === escape) {
      const next = i + 1 < length ? fullArgs.charCodeAt(i + 1) : -1;
      if (next === SPACE || next === TAB) {
        whitespaceCheck: for (let j = i + 2; j < length; j++) {
          const c = fullArgs.charCodeAt(j);
          switch (c) {
            case SPACE:
            case TAB:
              continue;
            case CR:
            case LF:
              // the original's `case '\r': j++;` falls through to `case '\n'`
              if (c === CR) j++;
              if (startOffset !== -1) out += text.substring(startOffset, fix(offset + end + 1));
              startOffset = -1;
              comment = false;
              i = j;
              break whitespaceCheck;
            default:
              break whitespaceCheck;
          }
        }
      } else if (next === CR) {
        if (startOffset !== -1) {
          out += text.substring(startOffset, fix(offset + end + 1));
          startOffset = -1;
        }
        comment = false;
        i += 2;
      } else if (next === LF) {
        if (startOffset !== -1) out += text.substring(startOffset, fix(offset + end + 1));
        startOffset = -1;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (char === CR || char === LF) {
      if (comment) {
        startOffset = -1;
        comment = false;
      }
    } else if (!comment) {
      if (startOffset === -1) {
        if (char === HASH) {
          comment = true;
          continue;
        }
        // positionAt(x).character !== 0, then Position(line, 0)
        const x = offset + i;
        const lineStart = lineStartOf(x);
        if (fix(x) !== lineStart) startOffset = lineStart;
      }
      end = i;
      if (startOffset !== -1) {
        // the ordinary characters that follow only move `end`
        let j = i + 1;
        for (; j < length; j++) {
          const c = fullArgs.charCodeAt(j);
          if (c === CR || c === LF || c === escape) break;
        }
        end = j - 1;
        i = j - 1;
      }
    }
  }
  if (startOffset === -1) {
    // should only happen if the last argument is on its own line with no leading whitespace
    out += text.substring(fix(offset + end), fix(offset + end + 1));
  } else {
    out += text.substring(startOffset, fix(offset + end + 1));
  }
  return out;
}
