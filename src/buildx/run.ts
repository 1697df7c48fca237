import * as os from 'node:os';
import * as path from 'node:path';
import { exec } from '../exec';
import { buildxArgs, reproduceCommand, shellCommand, type BuildPlan, type BuildxOptions } from './args';
import type { Logger } from '../log';
import type { BuilderInfo } from './builder';
import { cacheTimeOf, stepSecondsOf } from './cacheTime';
import { RawJsonProgress, stepKeyword, type ProgressSummary } from './progress';
import { redactSecrets } from '../redact';
import type { BuildResult, BuildRunInfo } from './types';

/** What runBuilds logs through: the project's Logger (@actions/core in the action, the console in the CLI). */
export type BuildLog = Pick<Logger, 'group' | 'info' | 'warning' | 'debug'>;

export interface RunOptions {
  log: BuildLog;
  /** The repository root: reproduce commands name paths relative to it. */
  root?: string;
  /** Builds at once; default 2. */
  maxParallel?: number;
  buildArgs?: string[];
  platform?: string;
  network?: string;
  builder?: BuilderInfo;
  push?: boolean;
  output?: 'load' | 'oci';
  /** Directory for OCI archives when output is `oci` (default: the temp folder); they are kept for the size step. */
  ociDir?: string;
  /** Per build; default 60 minutes. */
  timeoutMs?: number;
  /** Lines of the failing step's log kept in `error`. Default 30. */
  logTailLines?: number;
  /** Exact values masked in logs, errors and commands (GitHub token formats are always masked). */
  secrets?: string[];
}

/** Why a cache import failed, when the reason is the registry itself rather than a missing ref. */
export function unreachableRegistry(error: string): boolean {
  return /connection refused|dial tcp|no such host|i\/o timeout|TLS handshake|server gave HTTP response|unauthorized|denied|EOF/i.test(error) && !/: not found$/.test(error);
}

/** Pure: warnings a build's progress warrants (registry unreachable, cache export failed). */
export function cacheWarnings(plan: BuildPlan, p: ProgressSummary): string[] {
  const w: string[] = [];
  for (const imp of p.cacheImports) {
    if (!imp.hit && imp.error && unreachableRegistry(imp.error)) {
      w.push(`${plan.dockerfile} (${plan.target}): the cache registry could not be read (${imp.error}); building without that cache.`);
    }
  }
  if (p.cacheExportError) {
    w.push(`${plan.dockerfile} (${plan.target}): exporting the cache to ${plan.cacheTo} failed and was skipped (${p.cacheExportError}).`);
  }
  return w;
}

/**
 * Pure: whether a failed build failed because of the cache (an import or export vertex errored and no Dockerfile step
 * did), so it is worth retrying without cache. buildx 0.13 with `ignore-error=true` does not fail on either (checked
 * on the real engine: see __tests__/build/build.itg.test.ts), but older builders and other drivers may.
 */
export function failedBecauseOfCache(p: ProgressSummary, stderrTail: string): boolean {
  if (p.failedVertex) return false;
  return /cache|importing|exporting cache/i.test(stderrTail);
}

/**
 * Pure: the `--builder` value. The current builder needs no flag (plain `default` is left out); a builder the user
 * named is always passed, even `default`, so it wins over whichever builder is current.
 */
export function builderFlag(builder: BuilderInfo | undefined): string | undefined {
  if (!builder?.name) return undefined;
  return builder.requested || builder.name !== 'default' ? builder.name : undefined;
}

async function buildOne(plan: BuildPlan, o: RunOptions, lines: string[]): Promise<{ result: BuildResult; command: string; warnings: string[]; progress: ProgressSummary }> {
  const warnings: string[] = [];
  const bx: BuildxOptions = {
    buildArgs: o.buildArgs,
    platform: o.platform,
    network: o.network,
    builder: builderFlag(o.builder),
    push: o.push,
    output: o.output,
    // the archive outlives the run: it is what the size step reads
    ociDest: o.output === 'oci' ? path.join(o.ociDir ?? os.tmpdir(), `${plan.image.replace(/[/:]/g, '-')}.oci.tar`) : undefined,
    canExportCache: o.builder?.canExportCache ?? true,
    driver: o.builder?.driver
  };
  const run = async (p: BuildPlan): Promise<{ code: number; stderr: string; progress: ProgressSummary; seconds: number; args: string[] }> => {
    const args = buildxArgs(p, bx);
    lines.push(redactSecrets(`$ ${shellCommand('docker', args)}`, o.secrets));
    const progress = new RawJsonProgress();
    const started = Date.now();
    const r = await exec('docker', args, {
      onStderr: c => progress.feed(c),
      maxBuffer: 256 * 1024,
      timeoutMs: o.timeoutMs ?? 60 * 60 * 1000
    });
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    const summary = progress.summary(o.logTailLines ?? 30);
    return { code: r.exitCode, stderr: r.spawnError ? r.spawnError : r.stderr, progress: summary, seconds, args };
  };

  let attempt = await run(plan);
  let used = plan;
  if (attempt.code !== 0 && (plan.cacheFrom.length > 0 || plan.cacheTo) && failedBecauseOfCache(attempt.progress, attempt.stderr.slice(-4000))) {
    warnings.push(`${plan.dockerfile} (${plan.target}): the build failed on the registry cache; retrying without cache.`);
    used = { ...plan, cacheFrom: [], cacheTo: null };
    const retry = await run(used);
    attempt = { ...retry, seconds: Math.round((attempt.seconds + retry.seconds) * 10) / 10 };
  }
  if (attempt.code !== 0 && used.measureRef && !(attempt.progress.failedVertex && stepKeyword(attempt.progress.failedVertex))) {
    // no Dockerfile step failed: the push to the image tag did (a registry that is down or read-only); build locally
    warnings.push(`${plan.dockerfile} (${plan.target}): pushing the image to ${used.measureRef} failed; building it into the engine instead.`);
    used = { ...used, measureRef: undefined, load: undefined };
    const retry = await run(used);
    attempt = { ...retry, seconds: Math.round((attempt.seconds + retry.seconds) * 10) / 10 };
  }
  const p = attempt.progress;
  warnings.push(...cacheWarnings(used, p));
  const ok = attempt.code === 0;
  let error: string | null = null;
  if (!ok) {
    const trailer = attempt.stderr.split('\n').filter(l => l.startsWith('ERROR:')).slice(-1)[0];
    error = p.logTail || trailer || `docker buildx build exited with ${attempt.code}`;
    if (!p.failedVertex && trailer && !error.includes(trailer)) error = `${error}\n${trailer}`.trim();
    // a build that echoes a token (through a build arg, say) must not publish it
    error = redactSecrets(error, o.secrets);
  }
  const hits = new Map(p.cacheImports.map(i => [i.ref, i.hit]));
  const result: BuildResult = {
    dockerfile: plan.dockerfile,
    target: plan.target,
    ok,
    seconds: attempt.seconds,
    image: ok ? (o.output === 'oci' ? bx.ociDest! : (used.measureRef ?? plan.image)) : null,
    ...(ok && used.measureRef ? { registryRef: used.measureRef } : {}),
    steps: { total: p.total, cached: p.cached, executed: p.executed },
    cacheFrom: plan.cacheFrom.map(ref => ({ ref, hit: hits.get(ref) ?? false })),
    cacheTo: used.cacheTo && bx.canExportCache ? used.cacheTo : null,
    error,
    cacheTime: cacheTimeOf(p),
    stepSeconds: stepSecondsOf(p.steps)
  };
  return { result, command: redactSecrets(reproduceCommand(attempt.args, o.root), o.secrets), warnings: warnings.map(w => redactSecrets(w, o.secrets)), progress: p };
}

/**
 * Builds every plan with bounded parallelism. A failing stage does not stop the others; each build's log is printed
 * as one group per Dockerfile and stage when it finishes (so parallel builds never interleave). Never throws for a
 * failed build: failures are in the results, the caller publishes them and then fails.
 */
export async function runBuilds(plans: BuildPlan[], o: RunOptions): Promise<BuildRunInfo> {
  const results: BuildResult[] = new Array(plans.length);
  const commands: string[] = new Array(plans.length);
  const progress: ProgressSummary[] = new Array(plans.length);
  const warnings: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < plans.length) {
      const i = next++;
      const plan = plans[i];
      const lines: string[] = [];
      const one = await buildOne(plan, o, lines);
      results[i] = one.result;
      commands[i] = one.command;
      progress[i] = one.progress;
      warnings.push(...one.warnings);
      const r = one.result;
      await o.log.group(`Build ${plan.dockerfile} → ${plan.target}`, async () => {
        for (const l of lines) o.log.debug(l);
        const hit = r.cacheFrom.map(c => `${c.ref} ${c.hit ? 'hit' : 'miss'}`).join(', ');
        o.log.info(
          `${r.ok ? 'built' : 'FAILED'} in ${r.seconds}s: ${r.steps.total} steps, ${r.steps.cached} cached, ${r.steps.executed} executed` +
            (hit ? `; cache import: ${hit}` : '') +
            (r.cacheTo ? `; cache export: ${r.cacheTo}` : '')
        );
        if (r.ok) o.log.info(`image: ${r.image}`);
        else o.log.info(`failing step log:\n${r.error}\nreproduce: ${one.command}`);
        for (const w of one.warnings) o.log.warning(w);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.maxParallel ?? 2, plans.length)) }, worker));
  return { results, warnings: [...new Set(warnings)], commands, progress };
}
