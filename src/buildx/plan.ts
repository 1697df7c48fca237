import * as path from 'node:path';
import type { DockerfileModel } from '../dockerfile/model';
import { imageNameFor, type BuildPlan } from './args';
import { cacheRefsFor, cacheTag } from './cacheRefs';
import { finalStageName, targetChoicesFor } from './targets';
import { ownValue } from '../own';

export interface PlanOptions {
  /** Directory Dockerfile paths (model.path) are relative to: the repository root or the CLI's working directory. */
  root: string;
  cacheRepository?: string;
  branch: string;
  baseBranch?: string;
  defaultBranch?: string;
  /** GitHub event name, or `local` from the CLI. */
  event: string;
  isFork?: boolean;
  /** The `targets` input: replaces the automatic choice (see `targetChoicesFor`). */
  targets?: string[];
  /** Extra targets per Dockerfile path (from `.stageguard.yml`). */
  configTargets?: Record<string, string[]>;
  /** The `context` input (relative to root); default: the Dockerfile's folder. */
  context?: string;
  /** Per-Dockerfile context (from `.stageguard.yml`), relative to root. */
  contexts?: Record<string, string>;
  /** Local image names: `<imagePrefix>/<dockerfile>:<target>`. Default `stageguard`. */
  imagePrefix?: string;
  imageSuffix?: string;
  /** Read caches only (the base-branch baseline): no `--cache-to`. */
  readOnlyCache?: boolean;
  /** Push each image to its branch's `img_` tag and measure it there (where the cache may be written). Default false. */
  measureInRegistry?: boolean;
  /** Load every target into the engine, build stages too (by default only each Dockerfile's final stage). */
  loadAll?: boolean;
}

/** Pure: one plan per (Dockerfile, target), with cache refs and image names; `warnings` holds refused cache writes. */
export function planBuilds(models: DockerfileModel[], o: PlanOptions): { plans: BuildPlan[]; warnings: string[] } {
  const plans: BuildPlan[] = [];
  const warnings: string[] = [];
  for (const model of models) {
    const file = path.resolve(o.root, model.path);
    const contextRel = ownValue(o.contexts, model.path) ?? o.context;
    const context = contextRel ? path.resolve(o.root, contextRel) : path.dirname(file);
    for (const t of targetChoicesFor(model, o.targets, ownValue(o.configTargets, model.path) ?? [])) {
      const refs = cacheRefsFor({
        cacheRepository: o.cacheRepository ?? '',
        dockerfile: model.path,
        target: t.name,
        branch: o.branch,
        baseBranch: o.baseBranch,
        defaultBranch: o.defaultBranch,
        event: o.event,
        isFork: o.isFork ?? false
      });
      if (refs.refusal) warnings.push(refs.refusal);
      const pushTags =
        o.cacheRepository && !o.readOnlyCache && refs.to
          ? [`${o.cacheRepository.replace(/\/+$/, '')}:${`img_${cacheTag(model.path, t.name, o.branch)}`.slice(0, 128)}`]
          : [];
      plans.push({
        dockerfile: model.path,
        file,
        context,
        target: t.name,
        ...(t.targetFlag ? { targetFlag: t.targetFlag } : {}),
        image: imageNameFor(model.path, t.name, o.imagePrefix, o.imageSuffix),
        cacheFrom: refs.from,
        cacheTo: o.readOnlyCache ? null : refs.to,
        pushTags,
        ...(o.measureInRegistry && pushTags.length > 0 ? { measureRef: pushTags[0] } : {}),
        ...(o.measureInRegistry && pushTags.length > 0 && !o.loadAll && t.name !== finalStageName(model) ? { load: false } : {})
      });
    }
  }
  return { plans, warnings };
}
