#!/usr/bin/env node
// Times `stageguard lint --format json` over the shared corpus of public Dockerfiles beside `dockerfilelint` (npm)
// on the same files: whole process, wall clock, several runs, median. Prints figures; asserts nothing.
// Uses dist/cli.js when it exists; otherwise compiles the sources with tsc into .tmp/bench-lib and runs those.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const corpus = path.resolve(process.env.CORPUS || path.join(root, '..', 'shared', 'corpus', 'dockerfiles'));
const runs = Number(process.env.RUNS || 7);

if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: nothing to measure`);
  process.exit(0);
}
const walk = d => readdirSync(d).flatMap(e => (statSync(path.join(d, e)).isDirectory() ? walk(path.join(d, e)) : [path.join(d, e)]));
const files = walk(corpus).map(f => path.relative(corpus, f)).sort();

let stageguard;
const dist = path.join(root, 'dist', 'cli.js');
const distWorks = existsSync(dist) && spawnSync(process.execPath, [dist, 'lint', '--help'], { encoding: 'utf8' }).stdout.includes('stageguard lint');
if (distWorks) {
  stageguard = { label: 'node dist/cli.js lint --format json --shellcheck off', cmd: process.execPath, args: [dist, 'lint', '--format', 'json', '--shellcheck', 'off', ...files] };
} else {
  const out = path.join(root, '.tmp', 'bench-lib');
  spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', out], { stdio: 'ignore' });
  const lib = path.join(out, 'src', 'cli', 'lint.js');
  if (!existsSync(lib)) {
    console.error('could not compile src/ with tsc');
    process.exit(1);
  }
  const script = `require(${JSON.stringify(lib)}).lintCommand(process.argv.slice(1), { stdout: s => process.stdout.write(s), stderr: s => process.stderr.write(s), cwd: process.cwd() }).then(c => { process.exitCode = c; });`;
  stageguard = { label: 'lintCommand (tsc output) --format json --shellcheck off', cmd: process.execPath, args: ['-e', script, '--', '--format', 'json', '--shellcheck', 'off', ...files] };
}
const dockerfilelint = { label: 'dockerfilelint', cmd: process.execPath, args: [path.join(root, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint'), ...files] };

function time(t) {
  const start = process.hrtime.bigint();
  const r = spawnSync(t.cmd, t.args, { cwd: corpus, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout };
}
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// one warm-up each (file cache), then alternate runs so both see the same machine state
const first = time(stageguard);
time(dockerfilelint);
let findings = '?';
try {
  const doc = JSON.parse(first.stdout);
  findings = `${doc.summary.files} files, ${doc.summary.violations} findings, ${doc.files.reduce((n, f) => n + f.violations.filter(v => v.rule === 'parse-error').length, 0)} parse-errors`;
} catch {
  console.error(`stageguard did not print a JSON report (exit ${first.status}); not timing it`);
  process.exit(1);
}
const a = [];
const b = [];
for (let i = 0; i < runs; i++) {
  a.push(time(stageguard).ms);
  b.push(time(dockerfilelint).ms);
}
const ma = median(a);
const mb = median(b);
console.log(`corpus: ${files.length} Dockerfiles (${corpus})`);
console.log(`stageguard     ${ma.toFixed(0).padStart(6)} ms  median of ${runs}  (${stageguard.label}; ${findings})`);
console.log(`dockerfilelint ${mb.toFixed(0).padStart(6)} ms  median of ${runs}`);
console.log(`ratio          ${(ma / mb).toFixed(2)}x  (goal: within 3x)`);

// ── Lint against parsing alone, in process: one Node process reads and parses every file with dockerfile-ast and
// nothing else; another reads, parses and lints them with stageguard's engine (compiled with tsc). Each process times
// its first pass (cold: what one CLI run pays, JIT warm-up included) and then PASSES more (steady state); the two
// processes alternate ROUNDS times and the figures are medians. Goal: lint within 1.25x of parsing alone.
const passes = Number(process.env.PASSES || 9);
const rounds = Number(process.env.ROUNDS || 3);
const lib = path.join(root, '.tmp', 'bench-lib');
spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, 'tsconfig.json'), '--outDir', lib, '--noEmit', 'false'], { stdio: 'ignore' });
if (!existsSync(path.join(lib, 'src', 'lint', 'engine.js'))) {
  console.error('could not compile src/ with tsc: no in-process figures');
  process.exit(1);
}
const passScript = `
const fs = require('node:fs');
const [files, kind, passes] = [JSON.parse(process.argv[1]), process.argv[2], Number(process.argv[3])];
let pass;
if (kind === 'parse') {
  const { DockerfileParser } = require(${JSON.stringify(path.join(root, 'node_modules', 'dockerfile-ast'))});
  pass = async () => { for (const f of files) DockerfileParser.parse(fs.readFileSync(f, 'utf8')); };
} else {
  const { lintFiles } = require(${JSON.stringify(path.join(lib, 'src', 'lint', 'engine.js'))});
  const { emptyConfig } = require(${JSON.stringify(path.join(lib, 'src', 'config', 'config.js'))});
  const config = emptyConfig();
  pass = () => lintFiles(files, { cwd: '/', config });
}
(async () => {
  const ms = [];
  for (let i = 0; i <= passes; i++) {
    const s = process.hrtime.bigint();
    await pass();
    ms.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  process.stdout.write(JSON.stringify(ms));
})();`;
const absFiles = JSON.stringify(files.map(f => path.join(corpus, f)));
const run = kind => JSON.parse(spawnSync(process.execPath, ['-e', passScript, absFiles, kind, String(passes)], { encoding: 'utf8', maxBuffer: 1 << 26 }).stdout);
const cold = { parse: [], lint: [] };
const steady = { parse: [], lint: [] };
for (let i = 0; i < rounds; i++) {
  for (const kind of ['parse', 'lint']) {
    const [first, ...rest] = run(kind);
    cold[kind].push(first);
    steady[kind].push(...rest);
  }
}
const row = (label, p, l) => console.log(`${label.padEnd(34)} parse ${p.toFixed(0).padStart(5)} ms   lint ${l.toFixed(0).padStart(5)} ms   ratio ${(l / p).toFixed(2)}x`);
console.log(`in process, ${files.length} files (read + parse [+ lint]), ${rounds} processes each:`);
row(`steady state (median of ${rounds * passes} passes)`, median(steady.parse), median(steady.lint));
row(`first pass of a process (median)`, median(cold.parse), median(cold.lint));
console.log('goal: steady-state lint within 1.25x of dockerfile-ast parsing alone');

// ShellCheck's own cost: the same lint with ShellCheck over every RUN (one shellcheck process), when it is installed.
const hasShellcheck = spawnSync('shellcheck', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasShellcheck) {
  console.log('shellcheck     not installed: ShellCheck cost not measured');
} else {
  const withSc = { ...stageguard, args: stageguard.args.map(a => (a === 'off' ? 'required' : a)) };
  const warm = time(withSc);
  let scFindings = '?';
  try {
    const doc = JSON.parse(warm.stdout);
    scFindings = `${doc.files.reduce((n, f) => n + f.violations.filter(v => v.rule === 'shellcheck').length, 0)} ShellCheck findings`;
  } catch {
    scFindings = `no JSON report (exit ${warm.status})`;
  }
  const c = [];
  for (let i = 0; i < Math.max(3, Math.floor(runs / 2)); i++) c.push(time(withSc).ms);
  const mc = median(c);
  console.log(`with ShellCheck ${mc.toFixed(0).padStart(5)} ms  median of ${c.length}  (--shellcheck required; ${scFindings})`);
  console.log(`ShellCheck cost ${(mc - ma).toFixed(0).padStart(5)} ms  (${(mc / ma).toFixed(2)}x the lint without it)`);
}
