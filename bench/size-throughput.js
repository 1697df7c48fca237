#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark of the image-archive reader (src/size/archive.ts): generates an OCI image archive of at least 1 GiB
// uncompressed in many files (gzip layers, content that compresses like real binaries and text), then prints
// stageguard's throughput and peak memory beside `gzip -dc blob | tar -t` over the same layer blobs.
// Prints figures; asserts nothing. Usage: node bench/size-throughput.js [--gib 1] [--keep]
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const crypto = require('node:crypto');
const { spawnSync, spawn } = require('node:child_process');
const { pipeline } = require('node:stream/promises');

// Transpile src/ to plain JS once (in the parent), so the measured child does not carry the TypeScript compiler.
function transpileSources(outDir) {
  const ts = require('typescript');
  const srcRoot = path.join(__dirname, '..', 'src');
  const walk = dir => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
        const out = ts.transpileModule(fs.readFileSync(p, 'utf8'), {
          compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
          fileName: p
        });
        const dest = path.join(outDir, path.relative(srcRoot, p)).replace(/\.ts$/, '.js');
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.writeFileSync(dest, out.outputText);
      }
    }
  };
  walk(srcRoot);
}

const argv = process.argv.slice(2);
const flag = (name, def) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : def;
};

// ───────────── child mode: read one archive with stageguard, report time and peak memory ─────────────
async function child(archivePath, jsDir) {
  const { readImageArchive, LayerCache } = require(path.join(jsDir, 'size', 'archive.js'));
  const { stackLayers } = require(path.join(jsDir, 'size', 'analyze.js'));
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  const t0 = process.hrtime.bigint();
  const img = await readImageArchive(fs.createReadStream(archivePath, { highWaterMark: 1 << 20 }), { cache: new LayerCache() });
  const tRead = process.hrtime.bigint();
  const stats = stackLayers(img.layers.map(l => l.entries));
  const t1 = process.hrtime.bigint();
  clearInterval(timer);
  sample();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    JSON.stringify({
      seconds: Number(t1 - t0) / 1e9,
      readSeconds: Number(tRead - t0) / 1e9,
      uncompressed: img.layers.reduce((s, l) => s + l.uncompressedSize, 0),
      compressed: img.layers.reduce((s, l) => s + l.compressedSize, 0),
      files: img.layers.reduce((s, l) => s + l.entries.length, 0),
      wasted: stats.wasted,
      peakRss: Math.max(peak, maxRss)
    })
  );
}

// ───────────── generator ─────────────
function prng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/** 8 MiB of mixed content: word-like text (compresses ~3x), machine-code-like bytes, and random runs. */
function contentPool() {
  const rnd = prng(42);
  const words = Array.from({ length: 4096 }, () => crypto.randomBytes(2 + Math.floor(rnd() * 8)).toString('base64').replace(/[+/=]/g, ''));
  const pool = Buffer.alloc(8 << 20);
  let off = 0;
  while (off < pool.length) {
    const kind = rnd();
    const n = Math.min(pool.length - off, 4096 + Math.floor(rnd() * 65536));
    if (kind < 0.45) {
      let s = '';
      while (s.length < n) s += words[Math.floor(rnd() * words.length)] + (rnd() < 0.1 ? '\n' : ' ');
      pool.write(s.slice(0, n), off, 'latin1');
    } else if (kind < 0.8) {
      for (let i = 0; i < n; i++) pool[off + i] = rnd() < 0.5 ? 0 : Math.floor(rnd() * 256) & (rnd() < 0.5 ? 0x0f : 0xff);
    } else {
      crypto.randomFillSync(pool, off, n);
    }
    off += n;
  }
  return pool;
}

async function writeLayer(file, layerIndex, bytesTarget, pool) {
  const tar = require('tar-stream');
  const rnd = prng(1000 + layerIndex);
  const pack = tar.pack();
  const gzip = zlib.createGzip({ level: 6 });
  let tarBytes = 0;
  let gzBytes = 0;
  const hash = crypto.createHash('sha256');
  pack.on('data', c => {
    tarBytes += c.length;
  });
  gzip.on('data', c => {
    gzBytes += c.length;
    hash.update(c);
  });
  const done = pipeline(pack, gzip, fs.createWriteStream(file));
  let written = 0;
  let files = 0;
  const entry = (header, buf) =>
    new Promise((resolve, reject) => pack.entry(header, buf, err => (err ? reject(err) : resolve())));
  for (let d = 0; written < bytesTarget; d++) {
    const dir = `layer${layerIndex}/pkg${d}`;
    await entry({ name: `${dir}/`, type: 'directory' });
    for (let f = 0; f < 64 && written < bytesTarget; f++) {
      // Log-uniform sizes from 512 B to 256 KiB: many small files, a few big ones, as in real images.
      const size = Math.floor(512 * Math.pow(512, rnd()));
      const start = Math.floor(rnd() * (pool.length - size));
      await entry({ name: `${dir}/file${f}.bin`, size }, pool.subarray(start, start + size));
      written += size;
      files++;
    }
  }
  pack.finalize();
  await done;
  return { file, tarBytes, gzBytes, digest: `sha256:${hash.digest('hex')}`, files };
}

async function generate(dir, gib) {
  const pool = contentPool();
  const layerCount = 8;
  const perLayer = Math.ceil((gib * 1024 ** 3) / layerCount);
  const layers = [];
  // Gzip layers two at a time (zlib runs on the thread pool).
  for (let i = 0; i < layerCount; i += 2) {
    layers.push(...(await Promise.all([i, i + 1].filter(k => k < layerCount).map(k => writeLayer(path.join(dir, `layer${k}.tar.gz`), k, perLayer, pool)))));
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map(l => l.digest) },
      history: layers.map((l, i) => ({ created_by: `COPY pkg${i} /layer${i} # buildkit`, comment: 'buildkit.dockerfile.v0' }))
    })
  );
  const sha = b => `sha256:${crypto.createHash('sha256').update(b).digest('hex')}`;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha(config), size: config.length },
      layers: layers.map(l => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: l.digest, size: l.gzBytes }))
    })
  );
  const index = Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(manifest), size: manifest.length }] }));
  const tar = require('tar-stream');
  const pack = tar.pack();
  const archive = path.join(dir, 'image.tar');
  const done = pipeline(pack, fs.createWriteStream(archive));
  const entry = (header, buf) => new Promise((resolve, reject) => pack.entry(header, buf, err => (err ? reject(err) : resolve())));
  // Blobs first, manifest last: the order the reader must not depend on.
  for (const l of layers) {
    await new Promise((resolve, reject) => {
      const sink = pack.entry({ name: `blobs/sha256/${l.digest.slice(7)}`, size: l.gzBytes }, err => (err ? reject(err) : resolve()));
      fs.createReadStream(l.file).pipe(sink);
    });
  }
  await entry({ name: `blobs/sha256/${sha(config).slice(7)}` }, config);
  await entry({ name: `blobs/sha256/${sha(manifest).slice(7)}` }, manifest);
  await entry({ name: 'index.json' }, index);
  pack.finalize();
  await done;
  return { archive, layers };
}

function timeBaseline(layers) {
  const t0 = process.hrtime.bigint();
  let peak = 0;
  for (const l of layers) {
    const r = spawnSync('/usr/bin/time', ['-f', '%M', 'sh', '-c', `gzip -dc '${l.file}' | tar -t > /dev/null`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gzip -dc | tar -t failed: ${r.stderr}`);
    peak = Math.max(peak, Number(r.stderr.trim().split('\n').pop()) * 1024 || 0);
  }
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakRss: peak };
}

function runChild(archive, jsDir) {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NODE_PATH: path.join(__dirname, '..', 'node_modules') };
    const p = spawn(process.execPath, [__filename, '--child', archive, jsDir], { stdio: ['ignore', 'pipe', 'inherit'], env });
    let out = '';
    p.stdout.on('data', c => (out += c));
    p.on('close', code => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))));
  });
}

async function main() {
  if (argv[0] === '--child') return child(argv[1], argv[2]);
  const gib = Number(flag('--gib', '1'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stageguard-bench-'));
  try {
    console.log(`generating a ${gib} GiB (uncompressed) OCI image archive in ${dir} ...`);
    const g0 = Date.now();
    const { archive, layers } = await generate(dir, gib);
    const jsDir = path.join(dir, 'js');
    transpileSources(jsDir);
    const unc = layers.reduce((s, l) => s + l.tarBytes, 0);
    const comp = layers.reduce((s, l) => s + l.gzBytes, 0);
    const files = layers.reduce((s, l) => s + l.files, 0);
    console.log(`  ${layers.length} gzip layers, ${files} files, ${(unc / 1e6).toFixed(0)} MB uncompressed, ${(comp / 1e6).toFixed(0)} MB compressed (${((Date.now() - g0) / 1000).toFixed(0)} s)`);
    // Warm the page cache for both contenders.
    spawnSync('sh', ['-c', `cat '${archive}' ${layers.map(l => `'${l.file}'`).join(' ')} > /dev/null`]);
    const runs = Number(flag('--runs', '3'));
    const sg = [];
    const base = [];
    for (let i = 0; i < runs; i++) {
      base.push(timeBaseline(layers));
      sg.push(await runChild(archive, jsDir));
    }
    const best = (xs, k) => xs.reduce((a, b) => (b[k] < a[k] ? b : a));
    const s = best(sg, 'seconds');
    const b = best(base, 'seconds');
    if (s.uncompressed !== unc) throw new Error(`stageguard counted ${s.uncompressed} uncompressed bytes, the generator wrote ${unc}`);
    const mbps = x => (unc / 1e6 / x).toFixed(0);
    console.log(`best of ${runs}:`);
    console.log(`  stageguard (read + stack):   ${s.seconds.toFixed(2)} s  ${mbps(s.seconds)} MB/s uncompressed  peak RSS ${(s.peakRss / 2 ** 20).toFixed(0)} MiB  (${s.files} entries)`);
    console.log(`  gzip -dc | tar -t:           ${b.seconds.toFixed(2)} s  ${mbps(b.seconds)} MB/s uncompressed  peak RSS ${(b.peakRss / 2 ** 20).toFixed(0)} MiB`);
    console.log(`  ratio stageguard / gzip|tar: ${(s.seconds / b.seconds).toFixed(2)}x (goal <= 1.5x), peak memory goal < 200 MB`);
  } finally {
    if (!argv.includes('--keep')) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
