import { parseImageRef } from '../dockerfile/imageRef';
import type { DockerfileModel, ImageRef, Stage } from '../dockerfile/model';
import { substituteArgs } from '../dockerfile/parse';
import type { RuleContext } from './rule';

/**
 * The base image a stage is built on with the build arguments the build passes (`build-args`): `ARG BASE=python`
 * then `FROM ${BASE}` built with `BASE=python:3.12-slim` is pinned. Only global ARGs take build arguments (buildx
 * ignores the others); without build arguments this is the model's base, resolved with the ARG defaults.
 */
export function baseImageOf(model: DockerfileModel, stage: Stage, ctx: RuleContext): ImageRef {
  const given = ctx.buildArgs;
  if (!given || stage.baseStage !== undefined || !stage.base.raw.includes('$')) return stage.base;
  const vars: Record<string, string | undefined> = { ...model.globalArgs };
  let changed = false;
  for (const name of Object.keys(model.globalArgs)) {
    if (Object.prototype.hasOwnProperty.call(given, name)) {
      vars[name] = given[name];
      changed = true;
    }
  }
  if (!changed) return stage.base;
  const sub = substituteArgs(stage.base.raw, vars);
  return parseImageRef(stage.base.raw, sub.value, sub.missing.length === 0);
}
