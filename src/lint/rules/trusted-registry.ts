import { baseImageOf } from '../baseImage';
import type { Rule, RuleReport } from '../rule';
import { parseImageRef } from '../../dockerfile/imageRef';

/** hadolint's registry patterns: `*` any, `*.example.com` a suffix, `registry.*` a prefix, or the exact name. */
export function registryAllowed(allowed: string[], registry: string): boolean {
  return allowed.some(p => {
    if (p === '*') return true;
    if (p.startsWith('*')) return registry.endsWith(p.slice(1));
    if (p.endsWith('*')) return registry.startsWith(p.slice(0, -1));
    return registry === p;
  });
}

export const rule: Rule = {
  id: 'trusted-registry',
  severity: 'error',
  description: 'Images come only from the trusted registries of the config (FROM, COPY --from, RUN --mount=from).',
  aliases: ['DL3026'],
  help:
    'With `trustedRegistries` in .hadolint.yaml (or `trusted-registries` in .stageguard.yml), every image a build ' +
    'pulls must come from one of them: `FROM`, `COPY --from=<image>` and `RUN --mount=from=<image>`. Patterns: ' +
    '`*`, `*.example.com`, `registry.example.*` or an exact name; Docker Hub images match `docker.io` (or ' +
    '`hub.docker.com`). Earlier stages and `scratch` are always fine. Without a list, nothing is checked.',
  check(model, ctx) {
    const allowed = ctx.trustedRegistries;
    if (allowed.length === 0) return [];
    const trusted = (registry: string | undefined, repository: string): boolean => {
      if (registry !== undefined) return registryAllowed(allowed, registry);
      return repository === 'scratch' || registryAllowed(allowed, 'docker.io') || registryAllowed(allowed, 'hub.docker.com');
    };
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const b = baseImageOf(model, stage, ctx);
      if (stage.baseStage === undefined && !b.isScratch && b.fullyResolved && !trusted(b.registry, b.repository)) {
        out.push({ range: stage.from.range, stage: stage.index, message: `FROM ${b.resolved} is not from a trusted registry (${allowed.join(', ')})` });
      }
      for (const dep of stage.dependencies) {
        if (dep.kind === 'from' || dep.stage !== undefined || !dep.image || dep.ref.includes('$')) continue;
        const img = dep.image.registry === undefined && dep.image.repository === '' ? parseImageRef(dep.ref) : dep.image;
        if (!trusted(img.registry, img.repository)) out.push({ range: dep.instruction.range, stage: stage.index, message: `--from=${dep.ref} is not from a trusted registry (${allowed.join(', ')})` });
      }
    }
    return out;
  }
};
