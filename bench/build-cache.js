#!/usr/bin/env node
// Benchmark: a cold build of a fixture with an expensive builder step, then the same build warm from the registry
// cache after the local cache is emptied (`docker buildx prune -af` + image removal). Prints both times and the ratio.
// Needs the engine and registry of scripts/test-engine.sh. Usage: node bench/build-cache.js [--rounds N]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const lib = path.join(root, '.tmp', 'bench-lib');
// Compile src (type errors elsewhere in the tree do not stop tsc from emitting).
try {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.json', '--outDir', lib, '--noEmit', 'false', '--ignoreDeprecations', '6.0'], { cwd: root, stdio: 'pipe' });
} catch (e) {
  if (!fs.existsSync(path.join(lib, 'src', 'build', 'run.js'))) throw e;
}
const { parseDockerfile } = require(path.join(lib, 'src', 'dockerfile', 'parse.js'));
const { planBuilds } = require(path.join(lib, 'src', 'build', 'plan.js'));
const { runBuilds } = require(path.join(lib, 'src', 'build', 'run.js'));
const { detectBuilder } = require(path.join(lib, 'src', 'build', 'builder.js'));
const { silentLogger } = require(path.join(lib, 'src', 'log.js'));

const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 100;
const run = `${Date.now().toString(36)}`;
const prefix = `sgtest-build/bench-${run}`;
const cache = `localhost:5000/sgtest-build/bench-${run}`;

function emptyLocalCache() {
  execFileSync('docker', ['buildx', 'prune', '-af'], { stdio: 'pipe' });
  const images = execFileSync('docker', ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], { encoding: 'utf8' })
    .split('\n')
    .filter(l => l.includes(prefix));
  if (images.length) execFileSync('docker', ['image', 'rm', '-f', ...images], { stdio: 'pipe' });
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgtest-build-bench-'));
  fs.cpSync(path.join(root, '__tests__', 'fixtures', 'build', 'bench'), dir, { recursive: true });
  const model = parseDockerfile('Dockerfile', fs.readFileSync(path.join(dir, 'Dockerfile')));
  const { plans } = planBuilds([model], { root: dir, cacheRepository: cache, branch: 'main', defaultBranch: 'main', event: 'push', imagePrefix: prefix });
  const builder = await detectBuilder();
  const options = { log: silentLogger, maxParallel: 1, network: 'none', buildArgs: [`NONCE=${run}`, `ROUNDS=${rounds}`], builder };
  const timed = async label => {
    const t0 = process.hrtime.bigint();
    const info = await runBuilds(plans, options);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    for (const r of info.results) {
      if (!r.ok) throw new Error(`${label} build of ${r.target} failed: ${r.error}`);
      console.log(`  ${label} ${r.target.padEnd(8)} ${r.seconds.toFixed(1)}s  steps ${r.steps.total} cached ${r.steps.cached} executed ${r.steps.executed}  cache hit: ${r.cacheFrom.map(c => c.hit).join(',')}`);
    }
    return seconds;
  };
  try {
    emptyLocalCache();
    const cold = await timed('cold');
    emptyLocalCache();
    const warm = await timed('warm');
    console.log(`cold ${cold.toFixed(2)}s  warm ${warm.toFixed(2)}s  warm/cold ${((warm / cold) * 100).toFixed(1)}%  (goal <= 20%)`);
  } finally {
    emptyLocalCache();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
