import type { Rule } from '../rule';
import { finalStageOf, stageChain } from '../../dockerfile/stages';

export const rule: Rule = {
  id: 'copy-from-stage',
  severity: 'warning',
  description: 'The final stage takes its artifacts from earlier stages (COPY --from, RUN --mount=from=).',
  aliases: [],
  scorecard: true,
  help: 'A final stage that copies only built artifacts from a builder stage (`COPY --from=build /out/app /app`) leaves compilers, sources and caches behind.',
  check(model) {
    const final = finalStageOf(model);
    if (!final) return [];
    if (model.stages.length === 1) {
      return [{ range: final.from.range, message: 'single-stage build: no earlier stage feeds the final image (use COPY --from=<build stage>)' }];
    }
    // `FROM runtime AS final` inherits what the runtime stage copied from a build stage
    const chain = stageChain(model, final);
    const own = new Set(chain.map(s => s.index));
    const fed = chain.some(s => s.dependencies.some(d => d.kind !== 'from' && d.stage !== undefined && !own.has(d.stage)));
    if (fed) return [];
    return [{ range: final.from.range, message: 'the final stage takes nothing from an earlier stage (no COPY --from=<stage> or RUN --mount=from=<stage>)' }];
  }
};
