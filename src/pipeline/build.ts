import type { BuildPlan } from '../buildx/args';
import { detectBuilder, type BuilderInfo } from '../buildx/builder';
import { planBuilds } from '../buildx/plan';
import { runBuilds, type RunOptions } from '../buildx/run';
import type { ProgressSummary } from '../buildx/progress';
import type { BuildResult } from '../buildx/types';
import { contextsByDockerfile, targetsByDockerfile } from '../config/config';
import { exec } from '../exec';
import { lookupStoredReport, type Lookup } from '../baseline/step';
import { VERSION } from '../version';
import type { Found } from './find';
import type { Linted } from './lint';
import type { Notes } from './notes';
import type { PipelineOptions } from './options';

/** What the build step hands on. `engine` is false when nothing was built (build off, no engine, nothing to build). */
export interface Built {
  engine: boolean;
  plans: BuildPlan[];
  builds: BuildResult[];
  /** Reproduce commands, parallel to `builds`. */
  buildCommands: string[];
  /** What BuildKit reported, parallel to `builds`: the steps the cache-miss explanation reads. */
  progress: ProgressSummary[];
  /** How the builds ran (builder, network, secrets...): the base commit is built the same way. */
  runOptions: RunOptions;
  /** The base's stored report, fetched while the stages built; null when none is looked up. */
  lookup: Promise<Lookup> | null;
}

async function engineAvailable(): Promise<string | null> {
  const r = await exec('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 30000 });
  if (r.spawnError) return 'the docker command is not installed';
  if (r.exitCode !== 0) return `no Docker engine answers (${(r.stderr || r.stdout).trim().split('\n')[0]})`;
  return null;
}

/** The builder to use, or why nothing is built (said in the report's skipped list). */
async function connect(o: PipelineOptions, found: Found, linted: Linted): Promise<{ builder?: BuilderInfo } | { skip: string } | null> {
  if (o.inputErrors?.length) return { skip: 'Build and size were skipped: the workflow\'s inputs are invalid (see the errors).' };
  if (!o.build) return { skip: 'Build and size were skipped: building is turned off (input `build: false`, or `--no-build`).' };
  if (!found.config || linted.models.length === 0) return null;
  const reason = await engineAvailable();
  if (reason) return { skip: `Build and size were skipped: ${reason}.` };
  try {
    return { builder: await detectBuilder(o.builder || undefined) };
  } catch (e) {
    return { skip: `Build and size were skipped: ${(e as Error).message}` };
  }
}

/** Step 3, build: every target stage of the cleanly parsed Dockerfiles, with per-stage, per-branch registry caches. */
export async function build(o: PipelineOptions, found: Found, linted: Linted, notes: Notes): Promise<Built> {
  const connected = await connect(o, found, linted);
  const builder = connected && 'builder' in connected ? connected.builder : undefined;
  const runOptions: RunOptions = {
    log: o.log,
    root: o.cwd,
    maxParallel: o.maxParallel,
    buildArgs: o.buildArgs,
    platform: o.platform || undefined,
    network: o.network || undefined,
    builder,
    push: o.push,
    secrets: o.secrets
  };
  const none: Built = { engine: false, plans: [], builds: [], buildCommands: [], progress: [], runOptions, lookup: null };
  if (!connected) return none;
  if ('skip' in connected) {
    notes.skip(connected.skip);
    return none;
  }
  const config = found.config;
  const planned = planBuilds(linted.models, {
    root: o.cwd,
    cacheRepository: o.cacheRepository || undefined,
    branch: o.branch,
    baseBranch: o.baseBranch,
    defaultBranch: o.defaultBranch,
    event: o.event,
    isFork: o.isFork,
    targets: o.targets,
    configTargets: targetsByDockerfile(config),
    context: o.context || undefined,
    contexts: contextsByDockerfile(config),
    // pushed to the branch's own image tag and measured there: only the layers its base does not have are read
    // (not where the builder cannot export caches, e.g. the classic image store: its base and PR images are both
    // measured through docker save there, with the same compressed-size estimate, so their deltas stay comparable)
    measureInRegistry: Boolean(o.cacheRepository) && o.measureInRegistry !== false && builder?.canExportCache !== false,
    loadAll: o.load === true
  });
  for (const w of planned.warnings) notes.warn(w);
  // the builder's own warning (no cache export) belongs to the run; each build's warnings were logged in its group
  if (builder?.warning) notes.warn(builder.warning);
  // the base's stored report is fetched while the stages build
  const lookup =
    o.baseSha && o.cacheRepository && o.storedBaseline !== false
      ? lookupStoredReport({ cacheRepository: o.cacheRepository, baseSha: o.baseSha, baseBranch: o.baseBranch, version: VERSION })
      : null;
  const info = await runBuilds(planned.plans, runOptions);
  notes.keep(info.warnings);
  return { engine: true, plans: planned.plans, builds: info.results, buildCommands: info.commands, progress: info.progress, runOptions, lookup };
}
