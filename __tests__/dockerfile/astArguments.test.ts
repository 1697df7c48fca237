import { DockerfileParser, Instruction } from 'dockerfile-ast';
import { argumentsContent, canTokenize, rawArguments, type ContentInstruction, type TokenizedInstruction } from '../../src/dockerfile/astArguments';

// This file does not load src/dockerfile/parse.ts, so the prototype still has dockerfile-ast's own tokenizer.
const original = (Instruction.prototype as unknown as { getRawArguments: () => unknown[] }).getRawArguments;

/** Every instruction of a parsed text, ONBUILD triggers included. */
function instructionsOf(text: string): Instruction[] {
  const out: Instruction[] = [];
  for (const inst of DockerfileParser.parse(text).getInstructions()) {
    out.push(inst);
    const trigger = (inst as { getTriggerInstruction?: () => Instruction | null }).getTriggerInstruction?.();
    if (trigger) out.push(trigger);
  }
  return out;
}

function expectSameTokens(text: string): void {
  for (const inst of instructionsOf(text)) {
    const port = inst as unknown as TokenizedInstruction;
    expect(canTokenize(port)).toBe(true);
    // values and ranges, key order included
    expect(JSON.stringify(rawArguments(port))).toBe(JSON.stringify(original.call(inst)));
    expect(argumentsContent(inst as unknown as ContentInstruction)).toBe(inst.getArgumentsContent());
  }
}

describe('rawArguments and argumentsContent', () => {
  it.each([
    ['plain words', 'FROM alpine:3.20 AS build\nRUN apk add --no-cache curl\n'],
    ['line continuations', 'RUN apt-get update && \\\n    apt-get install -y \\\n      curl \\\n  && rm -rf /var/lib/apt/lists/*\n'],
    ['whitespace after the escape before the newline', 'RUN a \\  \n  b \\\t\n c\n'],
    ['an escape followed by whitespace and a word', 'RUN a\\ b \\ c\n'],
    ['an escaped dollar and escaped characters', 'ENV A=\\$HOME B=\\"q\\" C=x\\y\n'],
    ['an escape at the end of the file', 'RUN echo \\'],
    ['an escape before an escaped newline inside a word', 'RUN ab\\\ncd ef\n'],
    ['comment lines inside a continuation', 'RUN a \\\n# comment \\\n  b \\\n  # indented\n  c\n'],
    ['CRLF line ends', 'FROM a\r\nRUN x \\\r\n  y\r\nCMD ["a", "b"]\r\n'],
    ['a lone CR after the escape', 'RUN x \\\ry\n'],
    ['mixed CR LF, CR and LF line ends', 'FROM a\r\nRUN a \\\r\n b \\\r c \\\n d\r\n\rRUN e\r\r\n f'],
    ['the backtick escape directive', '# escape=`\nFROM a\nRUN dir `\n  c:\\ `\n  d\n'],
    ['flags and JSON form', 'COPY --from=build --chown=1:1 ["a b", "c"] /d/\n'],
    ['an ONBUILD trigger', 'FROM a\nONBUILD RUN x \\\n  y\n'],
    ['a heredoc', 'FROM a\nRUN <<EOF\necho hi\nEOF\n'],
    ['non-ASCII words', 'LABEL a="é 😀" b=ü\n'],
    ['an escaped keyword', 'RU\\\nN a\n'],
    ['a continuation line that starts in the first column', 'RUN a \\\nb \\\n  c \\\nd\n'],
    ['a comment line and a blank line inside a continuation', 'RUN a \\\n\n# note\n  b\n'],
    ['an escaped character before the continuation', 'RUN a \\$ \\\n  b\\$\n']
  ])('tokenizes %s and joins its arguments as dockerfile-ast does', (_label, text) => {
    expectSameTokens(text);
  });

  it('tokenizes and joins generated instructions made of escapes, quotes, comments and line ends as dockerfile-ast does', () => {
    // a fixed linear congruential sequence: the same generated texts on every run
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = [' ', '\t', '\n', '\r\n', '\r', '\\', '`', '#', '$', 'a', 'b', '"', "'", '=', '--', 'é', '\\\n', '\\ \n', '\n# c\n'];
    const heads = ['RUN ', 'COPY --from=x ', 'ONBUILD RUN ', 'ENV ', 'LABEL ', 'CMD ', 'FROM ', 'HEALTHCHECK CMD '];
    for (let k = 0; k < 500; k++) {
      let text = next(5) === 0 ? '# escape=`\n' : '';
      text += heads[next(heads.length)];
      const length = next(20);
      for (let c = 0; c < length; c++) text += pieces[next(pieces.length)];
      expectSameTokens(text);
    }
  });
});
