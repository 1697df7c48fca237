import type { BuildResult } from '../buildx/types';
import type { Config, FailOn } from '../config/config';
import { onlyNewFindings } from '../lint/newFindings';
import type { Finding, LintReport } from '../lint/rule';
import { severityRank, type Severity } from '../severity';
import type { ImageSize } from '../size/types';
import { evaluateSizeGates, perImageBudgets, type SizeGateOptions } from './sizeGates';
import type { GateFailure, Verdict } from './types';
import { buildGates, decideVerdict, findingGates } from './verdict';
import { waiveSizeGates, type SizeWaiver } from './waiver';

export interface DecideInput {
  lint: LintReport;
  builds: readonly BuildResult[];
  sizes: readonly ImageSize[];
  /** The project's config (its per-image budgets), or null when it could not be read. */
  config: Config | null;
  failOn: Severity | 'none';
  /**
   * How the config's gates combine with `failOn` and `budgets` (the workflow's): `floor`, the config may tighten
   * them but never loosen them; `trust-config`, the config's fail-on and per-image budgets apply as written; absent,
   * `failOn` as given and per-image budgets first (the CLI, where flags already chose).
   */
  gatePolicy?: GatePolicy;
  budgets: Omit<SizeGateOptions, 'perImageMaxSize'>;
  /** Errors that already fail the run (a bad config or input). */
  errors: readonly string[];
  /** The lint gate considers only findings new against the base (`only-new-findings`). */
  onlyNewFindings?: boolean;
  /** `own` (default): findings the base image's layers caused are listed but do not gate; `all`: they gate too. */
  imageFindings?: 'own' | 'all';
  /** A size budget waived on purpose (the PR's label): the size gates become notes. */
  sizeWaiver?: SizeWaiver | null;
}

export type GatePolicy = 'floor' | 'trust-config';

/** Strictness of a fail-on threshold: `none` fails nothing, `style` fails on every finding. */
const strictness = (f: FailOn): number => (f === 'none' ? 0 : severityRank(f) + 1);

/** Pure: the fail-on a run gates with, from the workflow's and the config's (see `DecideInput.gatePolicy`). */
export function effectiveFailOn(input: FailOn, config: FailOn | undefined, policy: GatePolicy | undefined): FailOn {
  if (config === undefined || policy === undefined) return input;
  if (policy === 'trust-config') return config;
  return strictness(config) > strictness(input) ? config : input;
}

export interface Decision {
  /** Findings from the images, per Dockerfile path: only shipped images are held to the image-content rules. */
  imageFindings: { path: string; finding: Finding }[];
  gates: GateFailure[];
  /** Size gates the waiver turned into notes (they do not fail the run). */
  waived: GateFailure[];
  /** The errors, with a bad budget value added. */
  errors: string[];
  verdict: Verdict;
}

/**
 * Pure: every gate of a run and its verdict, from its findings, builds and sizes. A builder stage holds compilers and
 * caches by design, so only what ships (`final !== false`) contributes image findings.
 */
export function decide(i: DecideInput): Decision {
  const imageFindings: Decision['imageFindings'] = [];
  for (const s of i.sizes) if (s.final !== false) for (const f of s.findings) imageFindings.push({ path: s.dockerfile ?? s.image, finding: f });
  const errors = [...i.errors];
  const gating = i.imageFindings === 'all' ? imageFindings : imageFindings.filter(f => f.finding.fromBaseImage === undefined);
  const failOn = effectiveFailOn(i.failOn, i.config?.failOn, i.gatePolicy);
  const gates: GateFailure[] = [...findingGates(i.onlyNewFindings ? onlyNewFindings(i.lint.files) : i.lint.files, gating, failOn), ...buildGates(i.builds)];
  try {
    const perImageMaxSize = i.config ? perImageBudgets(i.config.dockerfiles) : {};
    gates.push(...evaluateSizeGates([...i.sizes], { ...i.budgets, perImageMaxSize, floor: i.gatePolicy === 'floor' }));
  } catch (e) {
    errors.push((e as Error).message); // a bad budget value: named in the verdict, the report still published
  }
  const w = waiveSizeGates(gates, i.sizeWaiver);
  return { imageFindings, gates: w.gates, waived: w.waived, errors, verdict: decideVerdict(w.gates, i.builds, errors, failOn) };
}
