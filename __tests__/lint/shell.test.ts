import { cacheMountTargets, isBuildPackage, mountCovers, packageCommands, packageName, pipInstallArgs, removesPath } from '../../src/lint/packages';
import { copiesWholeContext } from '../../src/lint/instructions';
import { flagValues, hasFlag, parseRun, parseShell, shellCScript } from '../../src/shell/parse';
import { parseDockerfile } from '../../src/dockerfile/parse';

/** `name arg arg` of every command, nested ones marked with `>`, subshell ones with `()`. */
const summary = (script: string): string[] =>
  parseShell(script).commands.map(c => `${c.nested ? '>' : ''}${c.subshell ? '()' : ''}${[c.name, ...c.args].join(' ')}`);

describe('parseShell', () => {
  test.each([
    ['splits on && || ; and newlines', 'a && b || c; d\ne', ['a', 'b', 'c', 'd', 'e']],
    ['splits a pipeline', 'curl -s x | tar xz', ['curl -s x', 'tar xz']],
    ['joins backslash-newline continuations', 'apt-get install \\\n  curl \\\n  git', ['apt-get install curl git']],
    ['keeps quoted operators inside one word', `echo "a && b" 'c | d'`, ['echo a && b c | d']],
    ['unescapes backslashes and double-quote escapes', 'echo \\$HOME "\\"x\\""', ['echo $HOME "x"']],
    ['drops comments', 'a # b && c\nd', ['a', 'd']],
    ['keeps # inside a word', 'echo a#b', ['echo a#b']],
    ['drops redirections and their targets', 'make > /dev/null 2>&1 && cat < in.txt >> out', ['make', 'cat']],
    ['drops &> redirections', 'make &>log; echo ok', ['make', 'echo ok']],
    ['marks subshell commands', '(cd src && make) && ls', ['()cd src', '()make', 'ls']],
    ['parses $(...) as nested', 'echo $(uname -m | tr a b)', ['echo $(uname -m | tr a b)', '>uname -m', '>tr a b']],
    ['parses backticks as nested', 'echo `id -u`', ['echo `id -u`', '>id -u']],
    ['does not parse arithmetic as commands', 'echo $((1 + 2))', ['echo $((1 + 2))']],
    ['parses sh -c scripts as nested', `sh -c 'apt-get update && apt-get install -y x'`, ['sh -c apt-get update && apt-get install -y x', '>apt-get update', '>apt-get install -y x']],
    ['parses bash -euxo pipefail -c scripts as nested', `bash -euxo pipefail -c "make"`, ['bash -euxo pipefail -c make', '>make']],
    ['strips assignments and wrappers', 'DEBIAN_FRONTEND=noninteractive sudo -E -u root env A=1 apt-get install x', ['apt-get install x']],
    ['strips control keywords', 'if true; then apt-get update; fi', ['true', 'apt-get update']],
    ['drops for loops headers', 'for p in a b; do pip install $p; done', ['pip install $p']],
    ['skips here-document bodies of commands', 'cat <<EOF > /etc/x\napt-get install nothing\nEOF\nls', ['cat', 'ls']],
    ['runs here-documents fed to a shell', 'bash <<EOF\napt-get update\nEOF', ['bash', '>apt-get update']],
    ['handles <<- here-documents with tab-indented delimiters', 'cat <<-END\n\tbody\n\tEND\nls', ['cat', 'ls']],
    ['keeps ${VAR} expansions in one word', 'echo ${A:-x y}', ['echo ${A:-x y}']],
    ['ignores an empty script', '', []],
    ['joins quoted, escaped and substituted parts of one word', `echo a"b c"'d'\\e$(f)\${g}\`h\` x`, ['echo ab cde$(f)${g}`h` x', '>f', '>h']],
    ['keeps an empty quoted word', `printf '' "" x`, ['printf   x']],
    ['drops an fd number before a redirection but keeps a word that only starts with digits', 'a 12x 2>/dev/null 3>&1', ['a 12x']]
  ])('%s', (_name, script, expected) => {
    expect(summary(script)).toEqual(expected);
  });

  test.each([
    ['a | b', true],
    ['a || b', false],
    ['a |& b', true],
    ['echo "a | b"', false],
    ['echo $(a | b)', false],
    ['(a | b)', true],
    [`sh -c 'a | b'`, false]
  ])('reports a top-level pipe in %s as %s', (script, expected) => {
    expect(parseShell(script).hasPipe).toBe(expected);
  });

  it('sees a pipe in the script of a BuildKit RUN here-document', () => {
    expect(parseShell('<<EOF\ncurl x | sh\nEOF').hasPipe).toBe(true);
    expect(parseShell('bash <<EOF\ncurl x | sh\nEOF').hasPipe).toBe(false);
  });

  it('records the operators around each command', () => {
    const ops = parseShell('a && b | c; d').commands.map(c => `${c.prevOp || '^'}${c.name}${c.nextOp || '$'}`);
    expect(ops).toEqual(['^a&&', '&&b|', '|c;', ';d$']);
  });

  it('records leading assignments as env', () => {
    expect(parseShell('PIP_NO_CACHE_DIR=1 CGO_ENABLED=0 go build').commands[0].env).toEqual(['PIP_NO_CACHE_DIR=1', 'CGO_ENABLED=0']);
  });
});

describe('parseRun', () => {
  const run = (text: string) => {
    const model = parseDockerfile('Dockerfile', `FROM busybox:1\n${text}\n`);
    return parseRun(model.stages[0].instructions[0]);
  };

  test.each([
    ['a shell-form RUN', 'RUN apt-get update && apt-get install -y curl', ['apt-get update', 'apt-get install -y curl']],
    ['an exec-form RUN as one command', 'RUN ["pip", "install", "flask"]', ['pip install flask']],
    ['an exec-form sh -c with its nested script', 'RUN ["/bin/sh", "-c", "a && b"]', ['sh -c a && b', '>a', '>b']],
    ['a BuildKit here-document RUN as a script', 'RUN <<EOF\napt-get update\napt-get install -y x\nEOF', ['apt-get update', 'apt-get install -y x']],
    ['a here-document given to python as data', 'RUN python3 <<EOF\nimport os\nEOF', ['python3']],
    ['a here-document with a python shebang as data', 'RUN <<EOF\n#!/usr/bin/env python3\nprint(1)\nEOF', []],
    ['a here-document with a bash shebang as a script', 'RUN <<EOF\n#!/bin/bash\nmake\nEOF', ['make']]
  ])('parses %s', (_name, text, expected) => {
    expect(run(text).commands.map(c => `${c.nested ? '>' : ''}${[c.name, ...c.args].join(' ')}`)).toEqual(expected);
  });
});

describe('flags', () => {
  test.each([
    ['apt-get install -y x', ['y'], [], true],
    ['apt-get install -qqy x', ['y'], [], true],
    ['apt-get install --yes x', ['y'], ['yes'], true],
    ['apt-get install --assume-yes=true x', [], ['assume-yes'], true],
    ['apt-get install x', ['y'], ['yes'], false],
    ['apt-get install -- -y', ['y'], [], false],
    ['apt-get -q=2 install x', ['q'], [], true],
    ['apk add --no-cache x', [], ['no-cache'], true],
    ['apk add --no-cache-dir x', [], ['no-cache'], false]
  ])('%s has flag %j/%j: %s', (script, short, long, expected) => {
    expect(hasFlag(parseShell(script).commands[0], short, long)).toBe(expected);
  });

  test.each([
    ['apt-get -o APT::Install-Recommends=false install x', ['APT::Install-Recommends=false']],
    ['apt-get -oDpkg::Use-Pty=0 install x', ['Dpkg::Use-Pty=0']],
    ['apt-get --option=A=1 install x', ['A=1']],
    ['apt-get install x', []]
  ])('%s gives -o values %j', (script, expected) => {
    expect(flagValues(parseShell(script).commands[0], ['o'], ['option'])).toEqual(expected);
  });
});

describe('packageCommands', () => {
  const pkgs = (script: string) => packageCommands(parseShell(script)).map(p => `${p.manager} ${p.subcommand}: ${p.packages.join(',')}`);
  test.each([
    ['apt-get update && apt-get install -y --no-install-recommends curl=7 git', ['apt-get update: ', 'apt-get install: curl=7,git']],
    ['apt-get -o Dpkg::Options::=--force-confnew -t bookworm-backports install -y x', ['apt-get install: x']],
    ['apk add --no-cache --virtual .build-deps gcc musl-dev', ['apk add: gcc,musl-dev']],
    ['pip3 install --no-cache-dir -r requirements.txt flask==3.0', ['pip install: flask==3.0']],
    ['python3 -m pip install -U pip', ['pip install: pip']],
    ['uv pip install httpx', ['pip install: httpx']],
    ['yum -y install httpd && yum clean all', ['yum install: httpd', 'yum clean: all']],
    ['/usr/bin/dnf install -y --setopt install_weak_deps=False gcc', ['dnf install: gcc']],
    ['echo apt-get install x', []],
    ['apt-get', []]
  ])('finds the package commands of %s', (script, expected) => {
    expect(pkgs(script)).toEqual(expected);
  });

  test.each([
    ['pip install --no-cache-dir flask', ['--no-cache-dir', 'flask']],
    ['pip --disable-pip-version-check install flask', ['flask']],
    ['python -m pip install .', ['.']],
    ['pip wheel .', undefined],
    ['pip freeze install', undefined]
  ])('gives the pip install arguments of %s', (script, expected) => {
    expect(pipInstallArgs(parseShell(script).commands[0])).toEqual(expected);
  });
});

describe('paths and mounts', () => {
  test.each([
    ['rm -rf /var/lib/apt/lists/*', '/var/lib/apt/lists', true],
    ['rm -rf /var/lib/apt/lists', '/var/lib/apt/lists/', true],
    ['rm -fr /var/lib/apt/lists/* /tmp/*', '/var/lib/apt/lists', true],
    ['rm -rf /var/lib/apt/listsX', '/var/lib/apt/lists', false],
    ['echo /var/lib/apt/lists', '/var/lib/apt/lists', false]
  ])('%s removes %s: %s', (script, prefix, expected) => {
    expect(removesPath(parseShell(script), prefix)).toBe(expected);
  });

  test.each([
    [['type=cache,target=/var/lib/apt/lists,sharing=locked'], ['/var/lib/apt/lists']],
    [['type=tmpfs,dst=/tmp/'], ['/tmp']],
    [['type=bind,from=build,source=/out,target=/in'], []],
    [['target=/root/.cache'], []]
  ])('cache mounts %j target %j', (mounts, expected) => {
    expect(cacheMountTargets(mounts)).toEqual(expected);
  });

  it('treats a cache mount on a parent directory as covering the path', () => {
    expect(mountCovers(['type=cache,target=/var/cache'], '/var/cache/apk')).toBe(true);
    expect(mountCovers(['type=cache,target=/var/cache/apt'], '/var/cache/apk')).toBe(false);
  });
});

describe('stage and package helpers', () => {
  test.each([
    ['gcc', true],
    ['build-essential', true],
    ['libssl-dev=3.0', true],
    ['python3-devel', true],
    ['gcc-12', true],
    ['curl', false],
    ['ca-certificates', false],
    ['$PKGS', false]
  ])('sees %s as a build package: %s', (pkg, expected) => {
    expect(isBuildPackage(pkg)).toBe(expected);
  });

  test.each([
    ['gcc=4:12.2', 'gcc'],
    ['libc6-dev:amd64', 'libc6-dev'],
    ['curl/bookworm-backports', 'curl'],
    ['Flask==3.0', 'flask']
  ])('names the package of %s %s', (pkg, expected) => {
    expect(packageName(pkg)).toBe(expected);
  });

  test.each([
    ['COPY . .', true],
    ['COPY ./ /app/', true],
    ['ADD . /src', true],
    ['COPY requirements.txt .', false],
    ['COPY --from=build . /app', false]
  ])('sees %s as a copy of the whole context: %s', (line, expected) => {
    const model = parseDockerfile('Dockerfile', `FROM busybox:1\n${line}\n`);
    expect(copiesWholeContext(model.stages[0].instructions[0])).toBe(expected);
  });

  test.each([
    [['-c', 'x'], 'x'],
    [['-ec', 'x'], 'x'],
    [['-o', 'pipefail', '-c', 'x'], 'x'],
    [['script.sh'], undefined],
    [['-x', 'script.sh'], undefined]
  ])('finds the sh -c script of sh %j', (args, expected) => {
    expect(shellCScript({ name: 'sh', args })).toBe(expected);
  });
});
