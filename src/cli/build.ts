import * as fs from 'node:fs';
import * as path from 'node:path';
import { exec } from '../exec';
import { loadDockerfile } from '../dockerfile/read';
import { consoleLogger, jsonLogSafe, logSafe } from '../log';
import { detectBuilder } from '../buildx/builder';
import { planBuilds } from '../buildx/plan';
import { runBuilds } from '../buildx/run';
import type { BuildResult } from '../buildx/types';
import { parseFlags, withUsage, type CliIo, type FlagTable } from './argv';

export interface BuildCliOptions {
  paths: string[];
  cacheRepository: string;
  branch?: string;
  baseBranch?: string;
  /** `local` (default: a push-like build), or `pull_request` to check what a PR build would do. */
  event: string;
  network?: string;
  platform?: string;
  builder?: string;
  targets: string[];
  buildArgs: string[];
  context?: string;
  maxParallel: number;
  push: boolean;
  format: 'json' | 'text';
  imagePrefix?: string;
  verbose: boolean;
  help?: boolean;
}

export const BUILD_USAGE = `usage: stageguard build [paths...] [--cache-repository REF] [--branch NAME] [--base-branch NAME]
                        [--event local|pull_request] [--network none|host|default] [--platform P] [--builder NAME]
                        [--target T]... [--build-arg K=V]... [--context DIR] [--max-parallel N] [--push]
                        [--image-prefix P] [--format json|text] [--verbose]
Builds every target stage of each Dockerfile (default: ./Dockerfile) with docker buildx and registry caching.
Exit status: 0 all built, 1 a build failed, 2 usage error.`;

const BUILD_FLAGS = {
  'cache-repository': { type: 'string' },
  branch: { type: 'string' },
  'base-branch': { type: 'string' },
  event: { type: 'string' },
  network: { type: 'string' },
  platform: { type: 'string' },
  builder: { type: 'string' },
  target: { type: 'string', list: true },
  'build-arg': { type: 'string', multiple: true },
  context: { type: 'string' },
  'max-parallel': { type: 'string', positiveInt: true },
  push: { type: 'boolean' },
  'image-prefix': { type: 'string' },
  format: { type: 'string', choices: ['json', 'text'] },
  verbose: { type: 'boolean' }
} as const satisfies FlagTable;

/** Pure: argv after `build` to options; throws an Error naming the bad argument. */
function parseBuildOptions(argv: string[]): BuildCliOptions {
  const { values: v, positionals } = parseFlags(argv, BUILD_FLAGS);
  return {
    paths: positionals,
    cacheRepository: v['cache-repository'] ?? '',
    branch: v.branch,
    baseBranch: v['base-branch'],
    event: v.event ?? 'local',
    network: v.network,
    platform: v.platform,
    builder: v.builder,
    targets: v.target,
    buildArgs: v['build-arg'],
    context: v.context,
    maxParallel: v['max-parallel'] ?? 2,
    push: v.push,
    format: v.format ?? 'text',
    imagePrefix: v['image-prefix'],
    verbose: v.verbose,
    ...(v.help ? { help: true } : {})
  };
}

/** Pure: argv after `build` to options, or a usage error. */
export function parseBuildArgv(argv: string[]): { options: BuildCliOptions } | { error: string } {
  try {
    return { options: parseBuildOptions(argv) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Pure: the text report of the CLI. */
export function renderBuildText(results: BuildResult[], warnings: string[]): string {
  const lines = results.map(r => {
    const head = `${r.ok ? 'ok  ' : 'FAIL'} ${r.dockerfile} → ${r.target}  ${r.seconds}s  steps ${r.steps.total} (cached ${r.steps.cached}, executed ${r.steps.executed})`;
    const cache = r.cacheFrom.length ? `\n     cache from: ${r.cacheFrom.map(c => `${c.ref} (${c.hit ? 'hit' : 'miss'})`).join(', ')}` : '';
    const to = r.cacheTo ? `\n     cache to: ${r.cacheTo}` : '';
    const img = r.image ? `\n     image: ${r.image}` : '';
    const err = r.error ? `\n${r.error.split('\n').map(l => `     | ${l}`).join('\n')}` : '';
    return head + cache + to + img + err;
  });
  return [...lines, ...warnings.map(w => `warning: ${w}`)].join('\n') + '\n';
}

async function currentBranch(cwd: string): Promise<string> {
  const r = await exec('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd, timeoutMs: 15000 });
  const b = r.stdout.trim();
  return r.exitCode === 0 && b && b !== 'HEAD' ? b : 'local';
}

/** Resolves a path argument to a Dockerfile: a file, or a directory holding `Dockerfile`. */
function dockerfileAt(cwd: string, p: string): string | null {
  const abs = path.resolve(cwd, p);
  if (!fs.existsSync(abs)) return null;
  if (fs.statSync(abs).isDirectory()) {
    const inside = path.join(abs, 'Dockerfile');
    return fs.existsSync(inside) ? inside : null;
  }
  return abs;
}

/** `stageguard build`: same step as the action, run locally. Returns the exit status. */
export function buildCommand(argv: string[], io: CliIo): Promise<number> {
  return withUsage('build', BUILD_USAGE, argv, io, parseBuildOptions, o => buildWith(o, io));
}

async function buildWith(o: BuildCliOptions, io: CliIo): Promise<number> {
  const paths = o.paths.length ? o.paths : ['Dockerfile'];
  const models = [];
  for (const p of paths) {
    const file = dockerfileAt(io.cwd, p);
    if (!file) {
      io.stderr(`stageguard build: no Dockerfile at ${p}\n`);
      return 2;
    }
    models.push(loadDockerfile(file, path.relative(io.cwd, file).split(path.sep).join('/'), io.cwd));
  }
  const log = consoleLogger(s => io.stderr(s), o.verbose);
  try {
    const branch = o.branch ?? (await currentBranch(io.cwd));
    const builder = await detectBuilder(o.builder);
    const { plans, warnings } = planBuilds(models, {
      root: io.cwd,
      cacheRepository: o.cacheRepository,
      branch,
      baseBranch: o.baseBranch,
      defaultBranch: o.baseBranch,
      event: o.event,
      targets: o.targets,
      context: o.context,
      imagePrefix: o.imagePrefix
    });
    // the builder's own warning (no cache export) belongs to the run, not to any one build
    if (builder.warning) warnings.unshift(builder.warning);
    for (const w of warnings) log.warning(w);
    const info = await runBuilds(plans, {
      log,
      maxParallel: o.maxParallel,
      buildArgs: o.buildArgs,
      platform: o.platform,
      network: o.network,
      builder: builder,
      push: o.push
    });
    const allWarnings = [...new Set([...warnings, ...info.warnings])];
    if (o.format === 'json') io.stdout(jsonLogSafe(`${JSON.stringify({ builds: info.results })}\n`));
    else io.stdout(logSafe(renderBuildText(info.results, allWarnings)));
    return info.results.every(r => r.ok) ? 0 : 1;
  } catch (e) {
    io.stderr(`stageguard build: ${(e as Error).message}\n`);
    return 1;
  }
}
