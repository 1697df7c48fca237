#!/usr/bin/env node
// Benchmark: what a pull request costs with stageguard against a plain cached `docker buildx build`, on a realistic
// two-stage Dockerfile: a Debian bookworm base (debootstrap --variant=minbase, imported), a builder stage that
// apt-installs gcc, libc6-dev and make and compiles a C program, and a runtime stage that copies the binary.
// main is pushed first (stageguard run --branch main writes the caches and the stored report), then a PR changes the
// C source. Before every timed run the engine is put back to a fresh runner's state: its BuildKit cache emptied and its
// images removed, so only the registry (caches, stored report) carries over, as on a hosted runner.
//
// To empty a BuildKit cache without disturbing anyone else, the bench runs on an engine of its own: a second dockerd
// (containerd image store, loopback only) on /var/run/stageguard-bench.sock, started and stopped here (needs root and
// the engine of scripts/test-engine.sh for the registry on 127.0.0.1:5000). STAGEGUARD_BENCH_DOCKER_HOST=unix:///...
// uses an engine you started instead (it is then pruned!).
// Where Debian's mirror cannot be reached, a synthetic fixture of the same byte sizes is built instead, and said so.
//
// Usage: npm run bundle && node bench/pr-run.js [--keep-engine] [--no-build-base-run]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn, spawnSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const STATE = '/var/tmp/stageguard-bench';
const SOCK = '/var/run/stageguard-bench.sock';
const RUN = Date.now().toString(36);
const CACHE = `localhost:5000/stageguard-bench/pr-${RUN}`;
const PLAIN_CACHE = `localhost:5000/stageguard-bench/plain-${RUN}`;
const BASE = 'localhost:5000/debian:bookworm';
const args = process.argv.slice(2);

let env = { ...process.env };
let ownEngine = null;

function sh(cmd, argv, opts = {}) {
  return execFileSync(cmd, argv, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...opts });
}
function ok(cmd, argv) {
  return spawnSync(cmd, argv, { env, stdio: 'ignore', timeout: 30000 }).status === 0;
}
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function startEngine() {
  if (process.env.STAGEGUARD_BENCH_DOCKER_HOST) {
    env.DOCKER_HOST = process.env.STAGEGUARD_BENCH_DOCKER_HOST;
    return;
  }
  env.DOCKER_HOST = `unix://${SOCK}`;
  if (ok('docker', ['info'])) return; // one left running by an earlier run with --keep-engine
  fs.mkdirSync(`${STATE}/engine`, { recursive: true });
  fs.writeFileSync(`${STATE}/engine/daemon.json`, JSON.stringify({ features: { 'containerd-snapshotter': true }, bridge: 'none', iptables: false, 'ip-masq': false }));
  const log = fs.openSync(`${STATE}/engine/dockerd.log`, 'a');
  ownEngine = spawn(
    'dockerd',
    ['--config-file', `${STATE}/engine/daemon.json`, '--data-root', `${STATE}/engine/data`, '--exec-root', '/var/run/stageguard-bench', '--pidfile', '/var/run/stageguard-bench.pid', '-H', env.DOCKER_HOST],
    { stdio: ['ignore', log, log], detached: true }
  );
  for (let i = 0; i < 120 && !ok('docker', ['info']); i++) await sleep(500);
  if (!ok('docker', ['info'])) throw new Error(`the bench engine did not start; see ${STATE}/engine/dockerd.log`);
}

function stopEngine() {
  if (ownEngine && !args.includes('--keep-engine')) ownEngine.kill('SIGTERM');
}

/** A fresh runner: no BuildKit cache, no images (the bench engine is this bench's alone). */
function fresh() {
  sh('docker', ['buildx', 'prune', '-af']);
  const ids = sh('docker', ['images', '-aq']).split('\n').filter(Boolean);
  if (ids.length) sh('docker', ['rmi', '-f', ...new Set(ids)]);
}

function aptReachable() {
  return spawnSync('curl', ['-fsSI', '--max-time', '10', 'http://deb.debian.org/debian/dists/bookworm/Release'], { stdio: 'ignore' }).status === 0;
}

/** The Debian base image in the registry: debootstrap when the mirror answers, else random bytes of the same size. */
function baseImage(synthetic) {
  const rootfs = `${STATE}/rootfs-${synthetic ? 'synthetic' : 'bookworm'}`;
  if (!fs.existsSync(`${rootfs}/.done`)) {
    fs.rmSync(rootfs, { recursive: true, force: true });
    if (synthetic) {
      fs.mkdirSync(`${rootfs}/usr/share/filler`, { recursive: true });
      fs.cpSync('/bin/busybox', `${rootfs}/bin/sh`, { recursive: true });
      // 204 MB like the minbase tree, in files that compress as little as binaries do
      for (let i = 0; i < 51; i++) sh('head', ['-c', '4000000', '/dev/urandom'], { stdio: ['ignore', fs.openSync(`${rootfs}/usr/share/filler/f${i}`, 'w'), 'pipe'] });
    } else {
      sh('debootstrap', ['--variant=minbase', 'bookworm', rootfs], { stdio: 'ignore' });
    }
    fs.writeFileSync(`${rootfs}/.done`, '');
  }
  execFileSync('sh', ['-c', `tar -C '${rootfs}' --exclude=./.done -c . | docker import - ${BASE} >/dev/null && docker push -q ${BASE} >/dev/null`], { env, stdio: 'inherit' });
}

function dockerfile(synthetic) {
  const tools = synthetic
    ? // the same bytes as gcc, libc6-dev and make take in that layer (344 MB), without a mirror
      'RUN mkdir -p /opt/tools && head -c 344000000 /dev/urandom > /opt/tools/toolchain.bin && printf "#!/bin/sh\\ncp /src/hello.c /src/hello\\n" > /usr/local/bin/make && chmod +x /usr/local/bin/make'
    : 'RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make && rm -rf /var/lib/apt/lists/*';
  return `FROM ${BASE} AS builder
${tools}
WORKDIR /src
COPY Makefile hello.c ./
RUN make
FROM ${BASE} AS runtime
COPY --from=builder /src/hello /usr/local/bin/hello
CMD ["hello"]
`;
}

function git(dir, argv) {
  return sh('git', argv, { cwd: dir }).trim();
}

/** Runs a command, timing it and (for stageguard) each phase by the log group headings it prints. */
function timed(cmd, argv, cwd) {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const lines = [];
    let out = '';
    let err = '';
    let pending = '';
    const child = spawn(cmd, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', c => (out += c));
    child.stderr.on('data', c => {
      err += c;
      pending += c;
      const parts = pending.split('\n');
      pending = parts.pop();
      for (const l of parts) lines.push({ text: l, at: Date.now() - t0 });
    });
    child.on('close', code => {
      const seconds = (Date.now() - t0) / 1000;
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${argv.join(' ')} exited ${code}:\n${err.slice(-3000)}`));
      else resolve({ seconds, out, err, lines, end: Date.now() - t0 });
    });
  });
}

/**
 * Seconds per pipeline phase, from the times its log lines arrived: each phase from its group heading to the last line
 * of its group; builds from the end of lint to the measure heading (a build's group is printed when it finishes);
 * publish from the last log line to the exit (the report is rendered and printed then).
 */
function phases(r) {
  const lines = r.lines;
  const heads = lines.map((l, i) => (l.text.startsWith('── ') ? i : -1)).filter(i => i >= 0);
  const endOf = h => {
    const next = heads.find(i => i > h);
    return lines[(next ?? lines.length) - 1].at;
  };
  const head = prefix => heads.find(i => lines[i].text.startsWith(`── ${prefix}`));
  const span = prefix => {
    const h = head(prefix);
    return h === undefined ? 0 : endOf(h) - lines[h].at;
  };
  const lint = head('Lint');
  const meas = head('Measure');
  const out = {
    lint: span('Lint'),
    build: lint !== undefined && meas !== undefined ? lines[meas].at - endOf(lint) : 0,
    measure: span('Measure'),
    store: span('Store'),
    // the last step: to its last line (building the base prints build groups of its own)
    // the last step, to the exit (building the base prints its build groups late and measures the base silently, so
    // rendering and printing the report, ~0.1 s, is counted in it)
    baseline: head('Baseline') === undefined ? 0 : r.end - lines[head('Baseline')].at,
    publish: head('Baseline') === undefined ? r.end - lines[lines.length - 1].at : 0
  };
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Math.round(v / 100) / 10]));
}

async function main() {
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run bundle first');
  await startEngine();
  const synthetic = !aptReachable();
  console.log(synthetic ? "Debian's mirror cannot be reached: SYNTHETIC fixture of the same byte sizes (no apt, no compiler)." : "Fixture: Debian bookworm minbase (debootstrap), gcc + libc6-dev + make from Debian's mirror.");
  baseImage(synthetic);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-bench-pr-'));
  try {
    fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile(synthetic));
    fs.writeFileSync(path.join(dir, 'Makefile'), 'hello: hello.c\n\tcc -O2 -o hello hello.c\n');
    fs.writeFileSync(path.join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n');
    fs.writeFileSync(path.join(dir, '.dockerignore'), '.git\n');
    git(dir, ['init', '-q', '-b', 'main']);
    git(dir, ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '--allow-empty', '-m', 'init']);
    git(dir, ['add', '-A']);
    git(dir, ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '-m', 'main']);
    const common = ['--network', 'host', '--cache-repository', CACHE, '--format', 'json', '--verbose', '--fail-on', 'none'];
    const plain = (target, extra) => ['buildx', 'build', '--network', 'host', '--target', target, ...extra, '--tag', `bench/plain:${target}`, '--load', dir];

    // main: a plain cold build beside stageguard's push run (which writes the caches and the stored report)
    fresh();
    const cold = await timed('docker', plain('runtime', ['--cache-to', `type=registry,ref=${PLAIN_CACHE}:runtime,mode=max`]), dir);
    fresh();
    const mainRun = await timed('node', [cli, 'run', '.', '--branch', 'main', ...common], dir);
    const mainReport = JSON.parse(mainRun.out);

    // the PR: a change to the C source only
    git(dir, ['checkout', '-q', '-b', 'feature']);
    fs.writeFileSync(path.join(dir, 'hello.c'), '#include <stdio.h>\nint main(void) { puts("hello from the pull request"); return 0; }\n');
    git(dir, ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '-am', 'pr']);
    const runtimeCache = mainReport.builds.find(b => b.target === 'runtime').cacheTo;
    fresh();
    const cached = await timed('docker', plain('runtime', ['--cache-from', `type=registry,ref=${runtimeCache}`, '--cache-to', `type=registry,ref=${PLAIN_CACHE}:runtime-pr,mode=max`]), dir);
    fresh();
    const prRun = await timed('node', [cli, 'run', '.', '--branch', 'feature', '--base-ref', 'main', ...common], dir);
    const pr = JSON.parse(prRun.out);
    let prBuilt = null;
    if (!args.includes('--no-build-base-run')) {
      fresh();
      prBuilt = await timed('node', [cli, 'run', '.', '--branch', 'feature-b', '--base-ref', 'main', '--build-base', ...common], dir);
    }

    const row = (label, s, note = '') => console.log(`  ${label.padEnd(58)} ${s.toFixed(1).padStart(6)} s  ${note}`);
    console.log('\nmain (push):');
    row('plain cold `docker buildx build --target runtime --load`', cold.seconds);
    row('`stageguard run --branch main` (cold; writes caches + report)', mainRun.seconds, `${(mainRun.seconds / cold.seconds).toFixed(2)}x  phases ${JSON.stringify(phases(mainRun))}`);
    console.log('\npull request (C source changed), each from a fresh runner:');
    row('plain cached `docker buildx build --target runtime --load`', cached.seconds);
    row('`stageguard run --base-ref main` (stored baseline)', prRun.seconds, `${(prRun.seconds / cached.seconds).toFixed(2)}x  phases ${JSON.stringify(phases(prRun))}`);
    if (prBuilt) row('`stageguard run --base-ref main --build-base` (before)', prBuilt.seconds, `${(prBuilt.seconds / cached.seconds).toFixed(2)}x  phases ${JSON.stringify(phases(prBuilt))}`);
    console.log(`\n  ratio PR run / plain cached build: ${(prRun.seconds / cached.seconds).toFixed(2)}x (goal 1.3x)`);
    console.log(`  baseline: ${JSON.stringify(pr.baseline)}`);
    for (const s of pr.sizes) console.log(`  ${s.target}: ${s.compressed} B compressed (Δ ${s.delta ? s.delta.compressed : 'n/a'} B), ${s.uncompressed} B uncompressed (Δ ${s.delta ? s.delta.uncompressed : 'n/a'} B)`);
    const saves = (prRun.err.match(/docker save/g) || []).length;
    console.log(`  engine: ${sh('docker', ['version', '--format', '{{.Server.Version}}']).trim()}, ${os.cpus().length} cores, load average ${os.loadavg().map(l => l.toFixed(1)).join(' ')}; docker save lines in the PR run's log: ${saves}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    stopEngine();
  }
}

main().catch(e => {
  console.error(e.stack || String(e));
  stopEngine();
  process.exit(1);
});
