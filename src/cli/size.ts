import * as path from 'node:path';
import { runLocal } from '../localRun';
import { consoleLogger, jsonLogSafe, logSafe } from '../log';
import { measureImage } from '../size/analyze';
import { compareImages } from '../size/compare';
import type { ImageSize } from '../size/types';
import { formatBytes, formatDelta, parseSize } from '../size/units';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';

export interface SizeArgs {
  image?: string;
  base?: string;
  format: 'json' | 'text';
  dockerfile?: string;
  target?: string;
  baseRef?: string;
  /** Network for RUN instructions when building (--dockerfile --base-ref). */
  network?: string;
  wastedThreshold?: number;
  help?: boolean;
}

export const SIZE_USAGE = `usage: stageguard size IMAGE [--base IMAGE] [--format json|text] [--dockerfile PATH] [--target STAGE] [--wasted-threshold SIZE]
       stageguard size --dockerfile PATH --base-ref REF [--target STAGE] [--network none|host]

Measures IMAGE layer by layer (compressed = layer blobs + config, as pulled; uncompressed = layer tars) and, with
--base, compares it with another image. --dockerfile maps layers to Dockerfile lines.`;

const SIZE_FLAGS = {
  base: { type: 'string' },
  format: { type: 'string', choices: ['json', 'text'] },
  dockerfile: { type: 'string', short: 'f' },
  target: { type: 'string' },
  'base-ref': { type: 'string' },
  network: { type: 'string' },
  'wasted-threshold': { type: 'string' }
} as const satisfies FlagTable;

/** Pure: the command line of `stageguard size`. Throws an Error with a usage hint on bad arguments. */
export function parseSizeArgs(argv: string[]): SizeArgs {
  const { values: v, positionals } = parseFlags(argv, SIZE_FLAGS);
  // size, unlike the other commands, has always refused an empty value (`--base=`): it names an image or a file
  for (const name of Object.keys(SIZE_FLAGS) as (keyof typeof SIZE_FLAGS)[]) if (v[name] === '') throw new Error(`--${name} needs a value`);
  if (v.help) return { format: 'text', help: true };
  if (positionals.length > 1) throw new Error(`one image at a time, got ${positionals.join(' ')}`);
  const threshold = v['wasted-threshold'];
  const out: SizeArgs = {
    image: positionals[0] || undefined,
    base: v.base,
    format: v.format ?? 'text',
    dockerfile: v.dockerfile,
    target: v.target,
    baseRef: v['base-ref'],
    network: v.network,
    wastedThreshold: threshold === undefined ? undefined : parseSize(threshold, '--wasted-threshold')
  };
  // an image name never starts with a dash; one that does (`size -- --x`, `--base=-x`) would reach docker as a flag
  for (const image of [out.image, out.base]) if (image?.startsWith('-')) throw new Error(`${image} is not an image name`);
  if (!out.image && !(out.dockerfile && out.baseRef)) throw new Error('an IMAGE (or --dockerfile PATH --base-ref REF) is needed');
  return out;
}

/** Pure: the JSON document, exactly `{"images":[...]}` with the required keys first and bytes as integers. */
export function sizeJson(images: ImageSize[]): string {
  return `${JSON.stringify(
    {
      images: images.map(i => ({
        dockerfile: i.dockerfile,
        target: i.target,
        image: i.image,
        compressed: i.compressed,
        uncompressed: i.uncompressed,
        layers: i.layers.map(l => ({ instruction: l.instruction, line: l.line, compressed: l.compressed, uncompressed: l.uncompressed })),
        breakdown: i.breakdown,
        wasted: i.wasted,
        efficiency: i.efficiency,
        findings: i.findings,
        base: i.base,
        delta: i.delta,
        ...(i.compressedEstimated ? { compressedEstimated: true } : {}),
        ...(i.baseStatus !== undefined ? { baseStatus: i.baseStatus } : {}),
        ...(i.layerDiff !== undefined ? { layerDiff: i.layerDiff } : {}),
        ...(i.largest !== undefined ? { largest: i.largest } : {})
      }))
    },
    null,
    2
  )}\n`;
}

/** Pure: the terminal rendering. */
export function sizeText(images: ImageSize[]): string {
  const lines: string[] = [];
  for (const i of images) {
    lines.push(`${i.image}${i.dockerfile ? ` (${i.dockerfile}${i.target ? `, ${i.target}` : ''})` : ''}`);
    lines.push(`  compressed   ${formatBytes(i.compressed).padStart(10)}${i.delta && i.base ? `   ${formatDelta(i.delta.compressed, i.base.compressed)} vs base` : ''}`);
    lines.push(`  uncompressed ${formatBytes(i.uncompressed).padStart(10)}${i.delta && i.base ? `   ${formatDelta(i.delta.uncompressed, i.base.uncompressed)} vs base` : ''}`);
    lines.push(`  wasted       ${formatBytes(i.wasted).padStart(10)}   efficiency ${(i.efficiency * 100).toFixed(1)}%`);
    lines.push('  layers (compressed / uncompressed):');
    for (const l of i.layers) {
      const text = l.instruction.length > 70 ? `${l.instruction.slice(0, 69)}…` : l.instruction;
      lines.push(`    ${formatBytes(l.compressed).padStart(10)} ${formatBytes(l.uncompressed).padStart(10)}  ${l.line !== null ? `L${l.line} ` : ''}${text}`);
    }
    const changed = (i.layerDiff ?? []).filter(d => d.change !== 'same');
    if (changed.length) {
      lines.push('  layer changes vs base:');
      for (const d of changed) lines.push(`    ${d.change.padEnd(7)} ${d.instruction.slice(0, 70)} (${d.base === null ? '-' : formatBytes(d.base)} → ${d.pr === null ? '-' : formatBytes(d.pr)})`);
    }
    for (const f of i.findings) lines.push(`  ${f.severity}: [${f.rule}] line ${f.line}: ${f.message}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `stageguard size …`: 0 on success, 1 when measuring failed, 2 on bad arguments. */
export function sizeCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('size', SIZE_USAGE, argv, io, parseSizeArgs, args => sizeWith(args, io));
}

async function sizeWith(args: SizeArgs, io: CliIo): Promise<number> {
  if (!args.image) {
    // --dockerfile PATH --base-ref REF: build the targets here and at REF, measure both, compare (the action's job)
    try {
      const { report } = await runLocal({
        cwd: io.cwd,
        dockerfiles: [args.dockerfile as string],
        failOn: 'none',
        build: true,
        targets: args.target ? [args.target] : [],
        buildArgs: [],
        network: args.network,
        maxParallel: 2,
        baseRef: args.baseRef,
        sizeMetric: 'compressed',
        log: consoleLogger(s => io.stderr(s))
      });
      for (const s of report.skipped) io.stderr(`stageguard size: ${s}\n`);
      for (const b of report.builds) if (!b.ok) io.stderr(`stageguard size: ${b.dockerfile} (${b.target}) failed to build:\n${b.error ?? ''}\n`);
      io.stdout(args.format === 'json' ? jsonLogSafe(sizeJson(report.sizes)) : logSafe(sizeText(report.sizes)));
      return report.sizes.length > 0 && report.builds.every(b => b.ok) ? 0 : 1;
    } catch (e) {
      io.stderr(`stageguard size: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const dockerfile = args.dockerfile ? path.resolve(io.cwd, args.dockerfile) : undefined;
  const opts = {
    ...(dockerfile ? { dockerfile } : {}),
    ...(args.target ? { target: args.target } : {}),
    ...(args.wastedThreshold !== undefined ? { wastedThreshold: args.wastedThreshold } : {})
  };
  try {
    const pr = await measureImage(args.image, opts);
    if (args.dockerfile) pr.dockerfile = args.dockerfile;
    let images = [pr];
    if (args.base) {
      // The Dockerfile describes the PR image; the base image was built from another revision of it.
      const base = await measureImage(args.base, args.wastedThreshold !== undefined ? { wastedThreshold: args.wastedThreshold } : {});
      // Two images given by name are the same target by definition.
      images = compareImages([pr], [{ ...base, dockerfile: pr.dockerfile, target: pr.target, image: pr.image }]).slice(0, 1);
    }
    io.stdout(args.format === 'json' ? jsonLogSafe(sizeJson(images)) : logSafe(sizeText(images)));
    return 0;
  } catch (e) {
    io.stderr(`stageguard size: ${(e as Error).message}\n`);
    return 1;
  }
}
