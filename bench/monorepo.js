#!/usr/bin/env node
// Benchmark: monorepo scale. Generates a monorepo of 30 Dockerfiles with 2 to 4 stages each on localhost:5000/busybox:1
// (real work in RUN steps: checksums over generated data, files written), then times the bundled CLI (dist/cli.js):
//   1. `stageguard run` with --max-parallel 1, 2 and 4, each from a cold build cache (`docker buildx prune -af` and the
//      generated images removed before each);
//   2. the same work as 3 shards (`stageguard plan --max-shards 3`, then 3 `run --shard` processes at once, from a cold
//      cache) plus `stageguard merge`;
//   3. the layer-digest memo: two warm runs (every build cached) with the memo on and off (STAGEGUARD_LAYER_MEMO=off).
// Prints the figures; never asserts on time. Needs the engine and registry of scripts/test-engine.sh and `npm run bundle`.
// Usage: node bench/monorepo.js [--dockerfiles N]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');
const nArg = process.argv.indexOf('--dockerfiles');
const COUNT = nArg > 0 ? Number(process.argv[nArg + 1]) : 30;
const BASE = 'localhost:5000/busybox:1';

function dockerfile(i) {
  const stages = 2 + (i % 3); // 2, 3 or 4 stages
  const lines = [];
  for (let s = 0; s < stages - 1; s++) {
    lines.push(s === 0 ? `FROM ${BASE}` : `FROM ${BASE}`);
    if (s > 0) lines.push(`COPY --from=${s - 1} /out /in`);
    lines.push(`COPY data.txt /src/data.txt`);
    lines.push(`RUN mkdir -p /out && seq 1 ${40000 + 5000 * s} > /out/n${s} && md5sum /out/n${s} /src/data.txt > /out/sum${s} && dd if=/dev/zero of=/out/blob${s} bs=1k count=${64 * (s + 1)} 2>/dev/null`);
  }
  lines.push(`FROM ${BASE}`);
  lines.push(`COPY --from=${stages - 2} /out /app`);
  lines.push('USER 1000');
  lines.push('CMD ["cat", "/app/sum0"]');
  return `${lines.join('\n')}\n`;
}

function generate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-bench-mono-'));
  for (let i = 0; i < COUNT; i++) {
    const d = path.join(dir, `sgscale-bench-${String(i).padStart(2, '0')}`);
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'Dockerfile'), dockerfile(i));
    fs.writeFileSync(path.join(d, 'data.txt'), `service ${i}\n`);
  }
  return dir;
}

function cold() {
  execFileSync('docker', ['buildx', 'prune', '-af'], { stdio: 'pipe' });
  const images = execFileSync('docker', ['images', '--format', '{{.Repository}}:{{.Tag}}', 'stageguard/sgscale-bench-*'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (images.length) execFileSync('docker', ['rmi', '-f', ...images], { stdio: 'pipe' });
}

function runCli(args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', c => (out += c));
    child.stderr.on('data', c => (err += c));
    child.on('error', reject);
    child.on('close', code => resolve({ code, out, err, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

const fmt = s => `${s.toFixed(1)} s`;

async function main() {
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run bundle');
  execFileSync('docker', ['pull', '-q', BASE], { stdio: 'pipe' });
  const dir = generate();
  const common = ['--network', 'none', '--fail-on', 'none', '--format', 'json'];
  const results = {};
  try {
    console.log(`monorepo: ${COUNT} Dockerfiles (2-4 stages each, one target each) on ${BASE}; node ${process.version}; cold = build cache pruned and images removed`);
    for (const p of [1, 2, 4]) {
      cold();
      const r = await runCli(['run', '.', '--max-parallel', String(p), ...common], dir);
      const report = JSON.parse(r.out);
      results[`p${p}`] = r.seconds;
      console.log(`run --max-parallel ${p} (cold): ${fmt(r.seconds)}  [${report.builds.filter(b => b.ok).length}/${report.builds.length} built, ${report.sizes.length} measured]`);
    }

    // 3 shards as separate processes, plus the merge
    const plan = await runCli(['plan', '--max-shards', '3'], dir);
    const matrix = JSON.parse(plan.out);
    cold();
    const started = process.hrtime.bigint();
    const shards = await Promise.all(
      matrix.include.map(e => runCli(['run', '.', '--shard', JSON.stringify(e), '--partial-report', `partial-${e.shard}.json`, '--max-parallel', '2', ...common], dir))
    );
    const merge = await runCli(['merge', 'partial-*.json', '--expected-shards', String(matrix.include.length), '--format', 'json'], dir);
    const total = Number(process.hrtime.bigint() - started) / 1e9;
    const merged = JSON.parse(merge.out);
    console.log(
      `3 shards at once (--max-parallel 2 each, cold): ${fmt(total)} wall incl. merge; shards ${shards.map(s => fmt(s.seconds)).join(', ')} (est. costs ${matrix.include
        .map(e => e.cost)
        .join(', ')}); merge ${fmt(merge.seconds)}; merged ${merged.builds.length} builds, missing shards: ${merged.missingShards.length}`
    );
    results.shards = total;

    // the layer-digest memo: warm builds, so the difference is the measurement
    const on = await runCli(['run', '.', '--max-parallel', '2', ...common], dir);
    const off = await runCli(['run', '.', '--max-parallel', '2', ...common], dir, { STAGEGUARD_LAYER_MEMO: 'off' });
    const on2 = await runCli(['run', '.', '--max-parallel', '2', ...common], dir);
    const off2 = await runCli(['run', '.', '--max-parallel', '2', ...common], dir, { STAGEGUARD_LAYER_MEMO: 'off' });
    const onS = Math.min(on.seconds, on2.seconds);
    const offS = Math.min(off.seconds, off2.seconds);
    console.log(`warm run with the layer memo: ${fmt(onS)}; without (STAGEGUARD_LAYER_MEMO=off): ${fmt(offS)}; saved ${fmt(offS - onS)} (${(((offS - onS) / offS) * 100).toFixed(0)}%) (best of 2 each)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exitCode = 1;
});
