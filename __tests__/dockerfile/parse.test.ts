import { parseImageRef } from '../../src/dockerfile/imageRef';
import { MAX_DOCKERFILE_BYTES, parseDockerfile, substituteArgs } from '../../src/dockerfile/parse';

describe('parseImageRef', () => {
  it.each([
    ['python:3.12-slim', undefined, 'python', '3.12-slim', undefined],
    ['docker.io/library/python:3.12', undefined, 'python', '3.12', undefined],
    ['ghcr.io/org/app:1.0@sha256:abc', 'ghcr.io', 'org/app', '1.0', 'sha256:abc'],
    ['localhost:5000/busybox:1', 'localhost:5000', 'busybox', '1', undefined],
    ['org/app', undefined, 'org/app', undefined, undefined],
    ['registry:5000/app', 'registry:5000', 'app', undefined, undefined],
    ['alpine@sha256:def', undefined, 'alpine', undefined, 'sha256:def']
  ])('splits %s into registry, repository, tag and digest', (text, registry, repository, tag, digest) => {
    const ref = parseImageRef(text);
    expect([ref.registry, ref.repository, ref.tag, ref.digest]).toEqual([registry, repository, tag, digest]);
  });

  it('recognises scratch', () => {
    expect(parseImageRef('scratch').isScratch).toBe(true);
    expect(parseImageRef('ghcr.io/scratch').isScratch).toBe(false);
  });
});

describe('substituteArgs', () => {
  it.each([
    ['$A', { A: 'x' }, 'x', []],
    ['${A}:${B}', { A: 'py', B: '3' }, 'py:3', []],
    ['${A:-def}', { A: undefined }, 'def', []],
    ['${A:-def}', {}, 'def', []],
    ['${A-def}', { A: '' }, '', []],
    ['${A:+alt}', { A: 'x' }, 'alt', []],
    ['${A}', { A: undefined }, '', ['A']],
    ['$NOPE', {}, '', ['NOPE']]
  ])('substitutes %s', (text, vars, value, missing) => {
    const s = substituteArgs(text, vars as Record<string, string | undefined>);
    expect(s.value).toBe(value);
    expect(s.missing).toEqual(missing);
  });
});

describe('parseDockerfile', () => {
  it('resolves global ARG defaults into FROM and splits the base image', () => {
    const m = parseDockerfile('Dockerfile', 'ARG PY=3.12\nARG BASE=python:${PY}-slim\nFROM --platform=$BUILDPLATFORM ${BASE} AS build\n');
    expect(m.problems).toEqual([]);
    expect(m.globalArgs).toEqual({ PY: '3.12', BASE: 'python:3.12-slim' });
    const s = m.stages[0];
    expect(s.base).toMatchObject({ raw: '${BASE}', resolved: 'python:3.12-slim', repository: 'python', tag: '3.12-slim', fullyResolved: true });
    expect(s.platform).toBe('$BUILDPLATFORM');
    expect(s.name).toBe('build');
    expect(s.asKeyword).toBe('AS');
  });

  it('removes quotes from global ARG defaults as the frontend does, also around spaces and inside a word', () => {
    const m = parseDockerfile(
      'Dockerfile',
      ['ARG TAG="3.19"', 'ARG IMG=alpine:"${TAG}"', "ARG LITERAL='$TAG'", 'ARG PAIR="a b" NEXT=c', 'ARG SPACED=a\\ b', 'FROM $IMG'].join('\n')
    );
    expect(m.problems).toEqual([]);
    expect(m.globalArgs).toEqual({ TAG: '3.19', IMG: 'alpine:3.19', LITERAL: '$TAG', PAIR: 'a b', NEXT: 'c', SPACED: 'a b' });
    expect(m.stages[0].base).toMatchObject({ resolved: 'alpine:3.19', repository: 'alpine', tag: '3.19' });
  });

  it('builds the stage graph from FROM <stage>, COPY --from and RUN --mount from=, with transitive needs', () => {
    const m = parseDockerfile(
      'Dockerfile',
      [
        'FROM golang:1.22 AS deps',
        'FROM deps AS build',
        'RUN go build',
        'FROM alpine AS assets',
        'FROM alpine',
        'COPY --from=build /app /app',
        'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
        'RUN --mount=type=bind,from=assets,source=/a,target=/a cp -r /a /srv',
        'COPY --from=1 /x /x'
      ].join('\n')
    );
    expect(m.problems).toEqual([]);
    expect(m.stages[1].baseStage).toBe(0);
    expect(m.stages[1].base.repository).toBe('golang');
    const final = m.stages[3];
    expect(final.dependencies.map(d => [d.kind, d.ref, d.stage, d.image?.repository])).toEqual([
      ['copy', 'build', 1, undefined],
      ['copy', 'nginx:1.27', undefined, 'nginx'],
      ['mount', 'assets', 2, undefined],
      ['copy', '1', 1, undefined]
    ]);
    expect(final.needs).toEqual([0, 1, 2]);
    expect(m.stages[0].needs).toEqual([]);
  });

  it('keeps exact ranges across line continuations and joins the arguments', () => {
    const m = parseDockerfile('Dockerfile', 'FROM alpine\nRUN apk add \\\n  # a comment\n  curl\nUSER app\n');
    const run = m.instructions[1];
    expect(run.range).toEqual({ line: 2, column: 1, endLine: 4, endColumn: 7 });
    expect(run.args).toBe('apk add     curl');
    expect(run.argv).toEqual(['apk', 'add', 'curl']);
    expect(run.stageIndex).toBe(0);
    expect(m.instructions[2].range.line).toBe(5);
  });

  it('reads heredocs, including one with a space before a quoted delimiter (dockerfile-ast issue #120)', () => {
    const m = parseDockerfile('Dockerfile', "FROM alpine\nRUN <<EOF\necho a\nEOF\nRUN cat << 'EOT' > /x\nsetopt PROMPT\nEOT\nUSER app\n");
    expect(m.problems).toEqual([]);
    expect(m.instructions.map(i => i.keyword)).toEqual(['FROM', 'RUN', 'RUN', 'USER']);
    expect(m.instructions[1].heredocs).toEqual([{ name: 'EOF', content: 'echo a', range: { line: 2, column: 5, endLine: 4, endColumn: 4 } }]);
    expect(m.instructions[2].heredocs[0]).toMatchObject({ name: 'EOT', content: 'setopt PROMPT' });
    expect(m.instructions[2].text).toBe("RUN cat << 'EOT' > /x\nsetopt PROMPT\nEOT");
  });

  it('reads the words of a heredoc RUN through its body and keeps the ONBUILD trigger words apart from the ONBUILD', () => {
    // dockerfile-ast makes each instruction twice (the first one ends before the heredoc body): tokens are shared only
    // between the ones with the same ranges, so the kept RUN has the words of its whole range, as dockerfile-ast gives
    const m = parseDockerfile('Dockerfile', 'FROM alpine\nRUN <<EOF cat > /x\necho a\nEOF\nONBUILD RUN echo b\n');
    expect(m.instructions[1].argv).toEqual(['<<EOF', 'cat', '>', '/x', 'echo', 'a', 'EOF']);
    expect(m.instructions[2].argv).toEqual(['RUN', 'echo', 'b']);
    expect(m.instructions[2].trigger?.argv).toEqual(['echo', 'b']);
  });

  it('reports an unclosed heredoc as a problem on its line', () => {
    const m = parseDockerfile('Dockerfile', 'FROM alpine\nRUN <<EOF\necho a\n');
    expect(m.problems.map(p => p.range.line)).toEqual([2]);
  });

  it('reads the escape, syntax and check directives', () => {
    const m = parseDockerfile('Dockerfile', '# syntax=docker/dockerfile:1\n# check=skip=JSONArgsRecommended\n# escape=`\nFROM alpine\nRUN echo a `\n  b\n');
    expect(m.directives).toEqual({ syntax: 'docker/dockerfile:1', check: 'skip=JSONArgsRecommended', escape: '`' });
    expect(m.instructions[1].args).toBe('echo a   b');
    expect(m.instructions[1].range.endLine).toBe(6);
  });

  it('parses the JSON form into argv and flags separately', () => {
    const m = parseDockerfile('Dockerfile', 'FROM alpine\nCOPY --from=x --chown=1:1 a b /dst/\nCMD ["sh", "-c", "echo a b"]\n');
    expect(m.instructions[1].flags).toEqual([{ name: 'from', value: 'x' }, { name: 'chown', value: '1:1' }]);
    expect(m.instructions[1].argv).toEqual(['a', 'b', '/dst/']);
    expect(m.instructions[2]).toMatchObject({ jsonForm: true, argv: ['sh', '-c', 'echo a b'] });
  });

  it.each([
    ['an empty file', '', 1],
    ['a blank file', '\n\n  \n', 1],
    ['binary content', Buffer.from([0x46, 0x52, 0x00, 0x01]), 1],
    ['undecodable UTF-8', Buffer.from([0x46, 0x52, 0xff, 0xfe, 0x80]), 1],
    ['an oversized file', 'x'.repeat(MAX_DOCKERFILE_BYTES + 1), 1],
    ['an unknown instruction', 'FROM alpine\nFOO bar\n', 2],
    ['a FROM with an undeclared variable', 'FROM $NOPE\n', 1],
    ['an instruction before FROM', 'RUN echo\nFROM alpine\n', 1],
    ['a file without FROM', 'ARG A=1\n', 1]
  ])('turns %s into a problem with a line instead of throwing', (_name, content, line) => {
    const m = parseDockerfile('Dockerfile', content as string | Buffer);
    expect(m.problems.length).toBeGreaterThan(0);
    expect(m.problems[0].range.line).toBe(line);
  });

  it('accepts a FROM whose ARG has no default (given by --build-arg) as not fully resolved', () => {
    const m = parseDockerfile('Dockerfile', 'ARG BASE\nFROM $BASE\n');
    expect(m.problems).toEqual([]);
    expect(m.stages[0].base.fullyResolved).toBe(false);
  });
});
