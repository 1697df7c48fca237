import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'copy-from-self',
  severity: 'error',
  description: 'COPY --from does not reference the stage it is in.',
  aliases: ['DL3023'],
  help: 'A stage cannot copy from itself (BuildKit fails with a circular dependency). Copy from an earlier stage, or copy from the build context without `--from`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      for (const dep of stage.dependencies) {
        if (dep.kind === 'copy' && dep.stage === stage.index) {
          out.push({ range: dep.instruction.range, stage: stage.index, message: `COPY --from=${dep.ref} references its own stage` });
        }
      }
    }
    return out;
  }
};
