import { planBuilds } from './buildx/plan';
import { finalStageName } from './buildx/targets';
import type { BuildPlan } from './buildx/args';
import { buildAtRef } from './buildx/baseline';
import { detectBuilder, type BuilderInfo } from './buildx/builder';
import { runBuilds } from './buildx/run';
import type { BuildResult, BuildRunInfo } from './buildx/types';
import type { DockerfileModel } from './dockerfile/model';
import { exec } from './exec';
import { contextsByDockerfile, emptyConfig, loadConfig, targetsByDockerfile, type Config } from './config/config';
import { selectDockerfiles } from './dockerfile/discover';
import { lintFiles, summarize } from './lint/engine';
import type { Finding, Severity } from './lint/rule';
import type { Logger } from './log';
import { redactDeep } from './report/redact';
import type { GateFailure } from './policy/types';
import type { Report, ReportContext } from './report/types';
import { buildGates, decideVerdict, findingGates } from './policy/verdict';
import { compareImages, multiStageSavings } from './size/compare';
import { evaluateSizeGates, perImageBudgets } from './policy/sizeGates';
import { measureImage } from './size/analyze';
import type { ImageSize } from './size/types';
import { formatBytes } from './size/units';

export const VERSION = '0.1.0';

/** Everything one run of the main job needs; the action fills it from its inputs, the CLI from its flags. */
export interface PipelineOptions {
  /** The repository root (GITHUB_WORKSPACE) or the CLI's working directory; Dockerfile paths are relative to it. */
  cwd: string;
  /** The git repository's top folder (for the base commit's worktree); default cwd. */
  repoDir?: string;
  /** Dockerfile paths or globs; empty: discover every Dockerfile below cwd. */
  dockerfiles: string[];
  /** Files the PR changes (repo-relative); null when every discovered Dockerfile counts. */
  changedFiles: string[] | null;
  /** Files the PR renamed, new path → old path (repository-relative): the base build finds them at the old path. */
  renamedFrom?: Record<string, string>;
  configFile?: string;
  failOn: Severity | 'none';
  build: boolean;
  targets: string[];
  context?: string;
  buildArgs: string[];
  platform?: string;
  network?: string;
  builder?: string;
  push: boolean;
  maxParallel: number;
  cacheRepository?: string;
  /** The branch being built (PR head branch or pushed branch). */
  branch: string;
  baseBranch?: string;
  defaultBranch?: string;
  /** GitHub event name, or `local`. */
  event: string;
  isFork: boolean;
  /** Build and measure this commit too, and compare (PRs and `--base-ref`). */
  baseSha?: string;
  maxSize?: string;
  maxIncrease?: string;
  maxWasted?: string;
  sizeMetric: 'compressed' | 'uncompressed';
  context_: ReportContext;
  log: Logger;
  /** Exact secret values (e.g. the github-token input) masked everywhere in the report and build logs. */
  secrets?: string[];
}

/** The result of a run: the report, plus what publishing needs that is not part of it. */
export interface PipelineResult {
  report: Report;
  /** The parsed config (for SARIF rules etc.), or null when it could not be read. */
  config: Config | null;
}

async function engineAvailable(): Promise<string | null> {
  const r = await exec('docker', ['version', '--format', '{{.Server.Version}}'], { timeoutMs: 30000 });
  if (r.spawnError) return 'the docker command is not installed';
  if (r.exitCode !== 0) return `no Docker engine answers (${(r.stderr || r.stdout).trim().split('\n')[0]})`;
  return null;
}

function keyOf(dockerfile: string | null, target: string | null): string {
  return `${dockerfile ?? ''}#${target ?? ''}`;
}

/** Runs lint → build → size → compare → gates, and returns the report. Never throws for a problem of the input. */
export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  const warnings: string[] = [];
  /** A warning for the report that the log shows too, where it happens. */
  const warn = (message: string): void => {
    o.log.warning(message);
    warnings.push(message);
  };
  const skipped: string[] = [];
  const gates: GateFailure[] = [];
  let config: Config | null = null;
  let lint = summarize([]);
  let builds: BuildResult[] = [];
  let buildCommands: string[] = [];
  let sizes: ImageSize[] = [];
  const imageFindings: { path: string; finding: Finding }[] = [];
  const errors: string[] = [];

  // ── config and files
  try {
    config = loadConfig({ cwd: o.cwd, configFile: o.configFile || undefined });
  } catch (e) {
    errors.push((e as Error).message);
  }
  const failOn = o.failOn;
  let files: string[] = [];
  await o.log.group('Find Dockerfiles', async () => {
    const selection = await selectDockerfiles({
      cwd: o.cwd,
      patterns: o.dockerfiles,
      changed: o.changedFiles,
      context: o.context,
      contexts: contextsByDockerfile(config)
    });
    for (const u of selection.unmatched) warn(`"${u}" matched no Dockerfile`);
    files = selection.files;
    if (o.changedFiles) {
      o.log.info(`${files.length} of ${selection.found} Dockerfiles are touched by this pull request`);
      if (files.length === 0) skipped.push('No Dockerfile is touched by this pull request (changed-only), so nothing was linted or built.');
    } else {
      o.log.info(`${files.length} Dockerfiles: ${files.join(', ')}`);
    }
  });

  // ── lint
  const models: DockerfileModel[] = [];
  {
    // a config that cannot be read fails the run (errors), but the Dockerfiles are still linted with the defaults
    const cfg = config ?? emptyConfig();
    lint = await o.log.group('Lint', async () => {
      const r = await lintFiles(files, {
        cwd: o.cwd,
        config: cfg,
        // a file that did not parse cleanly is reported by lint and not built
        onModel: m => {
          if (m.problems.length === 0 && m.stages.length > 0) models.push(m);
        }
      });
      o.log.info(`${r.summary.violations} findings in ${r.summary.files} files`);
      return r;
    });
  }
  if (!config) skipped.push('Build and size were skipped, and lint used the default configuration: the configuration could not be read.');

  // ── build
  let plans: BuildPlan[] = [];
  let builder: BuilderInfo | undefined;
  let engineOk = false;
  if (!o.build) skipped.push('Build and size were skipped: building is turned off (input `build: false`, or `--no-build`).');
  else if (config && models.length > 0) {
    const reason = await engineAvailable();
    if (reason) skipped.push(`Build and size were skipped: ${reason}.`);
    else {
      try {
        builder = await detectBuilder(o.builder || undefined);
        engineOk = true;
      } catch (e) {
        skipped.push(`Build and size were skipped: ${(e as Error).message}`);
      }
    }
  }
  const runOpts = {
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
  if (engineOk && config) {
    const cfg = config;
    const planned = planBuilds(models, {
      root: o.cwd,
      cacheRepository: o.cacheRepository || undefined,
      branch: o.branch,
      baseBranch: o.baseBranch,
      defaultBranch: o.defaultBranch,
      event: o.event,
      isFork: o.isFork,
      targets: o.targets,
      configTargets: targetsByDockerfile(cfg),
      context: o.context || undefined,
      contexts: contextsByDockerfile(cfg)
    });
    for (const w of planned.warnings) warn(w);
    // the builder's own warning (no cache export) belongs to the run; each build's warnings were logged in its group
    if (builder?.warning) warn(builder.warning);
    plans = planned.plans;
    const info: BuildRunInfo = await runBuilds(plans, runOpts);
    builds = info.results;
    buildCommands = info.commands;
    warnings.push(...info.warnings);
  }

  // ── size
  if (engineOk && builds.some(b => b.ok)) {
    await o.log.group('Measure images', async () => {
      for (const b of builds) {
        if (!b.ok || !b.image) continue;
        const model = models.find(m => m.path === b.dockerfile);
        try {
          const s = await measureImage(b.image, { dockerfile: b.dockerfile, target: b.target, model });
          s.final = model ? b.target === finalStageName(model) : undefined;
          sizes.push(s);
          o.log.info(`${b.dockerfile} (${b.target}): ${formatBytes(s.compressed)} compressed, ${formatBytes(s.uncompressed)} uncompressed`);
        } catch (e) {
          warn(`Could not measure ${b.image}: ${(e as Error).message}`);
        }
      }
    });
    // the base branch, for deltas
    if (o.baseSha) {
      const baseSha = o.baseSha;
      const baseSizes: ImageSize[] = [];
      /** (Dockerfile, target) pairs that exist at the base commit but could not be built or measured there. */
      const noBaseline = new Set<string>();
      let baselineOk = false;
      await o.log.group(`Build and measure the base commit ${baseSha.slice(0, 12)}`, async () => {
        try {
          const base = await buildAtRef({
            ...runOpts,
            push: false,
            repoDir: o.repoDir ?? o.cwd,
            sha: baseSha,
            plans: plans.filter(p => builds.some(b => b.ok && b.dockerfile === p.dockerfile && b.target === p.target)),
            cacheRepository: o.cacheRepository || undefined,
            baseBranch: o.baseBranch,
            renamedFrom: o.renamedFrom
          });
          baselineOk = true;
          for (const b of base.results) {
            if (!b.ok || !b.image) {
              noBaseline.add(keyOf(b.dockerfile, b.target));
              warn(`No baseline for ${b.dockerfile} (${b.target}): it does not build at the base commit.`);
              continue;
            }
            try {
              // the base commit's own Dockerfile maps the base image's layers; the PR's may have other instructions
              baseSizes.push(await measureImage(b.image, { dockerfile: b.dockerfile, target: b.target, model: base.models.get(b.dockerfile) }));
            } catch (e) {
              noBaseline.add(keyOf(b.dockerfile, b.target));
              warn(`No baseline for ${b.dockerfile} (${b.target}): ${(e as Error).message}`);
            }
          }
        } catch (e) {
          warn(`No baseline: ${(e as Error).message}`);
        }
      });
      const marked = sizes.map(s =>
        !baselineOk || noBaseline.has(keyOf(s.dockerfile, s.target)) ? { ...s, baseStatus: 'no-baseline' as const } : s
      );
      sizes = compareImages(marked, baseSizes);
    } else {
      sizes = sizes.map(s => ({ ...s, baseStatus: 'not-compared' as const }));
    }
    // multi-stage savings: the shipped image beside the biggest build stage of the same Dockerfile (measured, and
    // only when the final stage was built: a `targets` list that leaves it out has nothing to compare with)
    for (const final of sizes) {
      if (!final.final || final.baseStatus === 'deleted') continue;
      const sameFile = sizes.filter(s => s.dockerfile === final.dockerfile && s.baseStatus !== 'deleted');
      final.savings = multiStageSavings(sameFile, final.target);
    }
    // a builder stage holds compilers and caches by design: only what ships is held to the image-content rules
    for (const s of sizes) if (s.final !== false) for (const f of s.findings) imageFindings.push({ path: s.dockerfile ?? s.image, finding: f });
  }

  // ── gates
  gates.push(...findingGates(lint.files, imageFindings, failOn), ...buildGates(builds));
  try {
    const perImageMaxSize = config ? perImageBudgets(config.dockerfiles) : {};
    gates.push(
      ...evaluateSizeGates(sizes, {
        maxSize: o.maxSize || undefined,
        maxIncrease: o.maxIncrease || undefined,
        maxWasted: o.maxWasted || undefined,
        metric: o.sizeMetric,
        perImageMaxSize
      })
    );
  } catch (e) {
    errors.push((e as Error).message);
  }

  const report: Report = {
    tool: { name: 'stageguard', version: VERSION },
    context: o.context_,
    lint,
    builds,
    buildCommands,
    sizes,
    imageFindings,
    gates,
    skipped,
    warnings: [...errors, ...warnings],
    verdict: decideVerdict(gates, builds, errors, failOn)
  };
  // Nothing the PR or a tool printed may publish a token: the comment, summary, JSON and outputs all come from here.
  return { report: redactDeep(report, o.secrets), config };
}
