import type { DockerfileModel, Stage } from '../dockerfile/model';

/** One target to build: its report name and the `--target` value (undefined: build the last stage, no --target). */
export interface TargetChoice {
  name: string;
  targetFlag?: string;
}

/**
 * The report name of an unnamed last stage. BuildKit labels unnamed stages `stage-<index>` in its progress output, so
 * stageguard uses the same name; such a stage cannot be passed to `--target`, so it is built without one (the default
 * target is the last stage). Should a named stage already be called that, `-final` is appended.
 */
export function finalStageName(model: DockerfileModel): string {
  const last = model.stages[model.stages.length - 1];
  if (!last) return 'final';
  if (last.name) return last.name;
  const taken = new Set(model.stages.map(s => s.name?.toLowerCase()).filter(Boolean));
  const name = `stage-${last.index}`;
  return taken.has(name) ? `${name}-final` : name;
}

function stageChoice(model: DockerfileModel, stage: Stage): TargetChoice {
  const last = stage.index === model.stages.length - 1;
  if (stage.name) return { name: stage.name, targetFlag: stage.name };
  return last ? { name: finalStageName(model) } : { name: `stage-${stage.index}` };
}

/**
 * Every target of a Dockerfile, in stage order, with how to build it. Automatic choice: the last stage and every
 * named stage another stage depends on (`FROM <stage>`, `COPY --from=<stage>`, `RUN --mount=from=<stage>`), plus the
 * names in `also` (e.g. from `.stageguard.yml`). Unnamed intermediate stages are skipped: `--target` needs a name.
 * `override` (the `targets` input) replaces the automatic choice with the listed stages this Dockerfile has (stage
 * names compare case-insensitively, as in BuildKit); when it names none of them, the automatic choice is kept, since
 * one `targets` list applies to every Dockerfile.
 */
export function targetChoicesFor(model: DockerfileModel, override?: string[], also: string[] = []): TargetChoice[] {
  const stages = model.stages;
  if (stages.length === 0) return [];
  const finalName = finalStageName(model).toLowerCase();
  const named = (s: Stage): string | undefined => (s.index === stages.length - 1 ? finalName : s.name?.toLowerCase());
  const wanted = (names: string[]): Set<number> => {
    const lower = new Set(names.map(n => n.trim().toLowerCase()).filter(Boolean));
    return new Set(stages.filter(s => lower.has(named(s) ?? '') || (s.name && lower.has(s.name.toLowerCase()))).map(s => s.index));
  };
  if (override && override.length > 0) {
    const chosen = wanted(override);
    if (chosen.size > 0) return stages.filter(s => chosen.has(s.index)).map(s => stageChoice(model, s));
  }
  const chosen = wanted(also);
  chosen.add(stages.length - 1);
  for (const s of stages) for (const d of s.dependencies) if (d.stage !== undefined && stages[d.stage]?.name) chosen.add(d.stage);
  return stages.filter(s => chosen.has(s.index)).map(s => stageChoice(model, s));
}

/** The report names of `targetChoicesFor` (see there). */
export function targetsFor(model: DockerfileModel, override?: string[], also: string[] = []): string[] {
  return targetChoicesFor(model, override, also).map(t => t.name);
}
