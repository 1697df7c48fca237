import { decide } from '../policy/decide';
import { redactDeep } from '../redact';
import type { Report } from '../report/types';
import { VERSION } from '../version';
import { baseline } from './baseline';
import { build } from './build';
import { compare } from './compare';
import { explainBuilds, readStepHistory } from './explain';
import { find } from './find';
import { lint } from './lint';
import { measure } from './measure';
import { Notes } from './notes';
import { store } from './store';
import type { PipelineOptions, PipelineResult } from './options';

export type { PipelineOptions, PipelineResult } from './options';
export { VERSION } from '../version';

/**
 * The main job, as named steps: find → lint → build → measure → baseline → compare → decide. Each step takes what
 * the ones before it handed on and returns a typed result; a step with nothing to do (no engine, `build: false`, no
 * base commit) returns an empty result instead of stopping the others. Publishing is the caller's (the action posts
 * the comment and outputs, the CLI prints). Never throws for a problem of the input.
 */
export async function runPipeline(o: PipelineOptions): Promise<PipelineResult> {
  const notes = new Notes(o.log);
  const found = await find(o, notes);
  const linted = await lint(o, found, notes);
  const built = await build(o, found, linted, notes);
  const measured = await measure(o, built, linted, notes);
  await store(o, built, linted, measured, notes);
  const base = await baseline(o, built, measured, notes);
  const sizes = compare(measured.sizes, base);
  // the base commit's Dockerfiles tell a new or edited instruction from an unchanged one (cache-miss causes); the lint
  // step read them already when it marked findings against the base
  const builds = explainBuilds(o, built, linted, base.kind === 'measured' ? linted.baseModels : undefined, readStepHistory(o.historyFile, o.cwd, m => notes.warn(m)));
  const decision = decide({
    lint: linted.lint,
    builds,
    sizes,
    config: found.config,
    failOn: o.failOn,
    ...(o.gatePolicy ? { gatePolicy: o.gatePolicy } : {}),
    budgets: { maxSize: o.maxSize || undefined, maxIncrease: o.maxIncrease || undefined, maxWasted: o.maxWasted || undefined, metric: o.sizeMetric },
    errors: notes.errors,
    onlyNewFindings: o.onlyNewFindings,
    imageFindings: o.imageFindings ?? 'own',
    sizeWaiver: o.sizeWaiver ?? null
  });
  const report: Report = {
    tool: { name: 'stageguard', version: VERSION },
    context: o.context_,
    ...(base.kind !== 'not-compared' && base.info ? { baseline: base.info } : {}),
    lint: linted.lint,
    builds,
    buildCommands: built.buildCommands,
    sizes,
    imageFindings: decision.imageFindings,
    gates: decision.gates,
    skipped: notes.skipped,
    warnings: [...decision.errors, ...notes.warnings],
    ...(found.configChanges.length ? { configChanges: found.configChanges } : {}),
    policy: { imageFindings: o.imageFindings ?? 'own', ...(o.gatePolicy ? { gates: o.gatePolicy } : {}), ...(o.sizeWaiver ? { sizeWaiver: { ...o.sizeWaiver, waived: decision.waived } } : {}) },
    verdict: decision.verdict
  };
  // Nothing the PR or a tool printed may publish a token: the comment, summary, JSON and outputs all come from here.
  return { report: redactDeep(report, o.secrets), config: found.config };
}
