import type { Rule, RuleReport } from '../rule';
import { isVariable } from '../../shell/parse';

export const rule: Rule = {
  id: 'copy-from-undefined-stage',
  severity: 'warning',
  description: 'COPY --from names a stage defined earlier (or an explicit image reference).',
  aliases: ['DL3022'],
  help:
    '`COPY --from=<name>` takes files from the earlier stage of that name; a name that matches no earlier stage is ' +
    'pulled as an image, which is usually a typo. Write images with a tag, registry or digest ' +
    '(`--from=nginx:1.27`) to make the intent explicit. Unlike hadolint, image references (containing `:`, `/` ' +
    'or `@`), stage numbers of earlier stages and values given by a variable are accepted.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      for (const dep of stage.dependencies) {
        if (dep.kind !== 'copy' || dep.stage !== undefined) continue;
        const ref = dep.ref;
        const written = dep.instruction.flags.find(f => f.name === 'from')?.value ?? ref;
        // a stage-level ARG is not substituted by the model: the value is unknown
        if (isVariable(written) || isVariable(ref) || ref === '' || /[:/@]/.test(ref)) continue;
        const later = model.stages.find(s => s.index > stage.index && s.name?.toLowerCase() === ref.toLowerCase());
        let message: string;
        if (/^\d+$/.test(ref)) message = `COPY --from=${ref} refers to stage ${ref}, which is not defined before this one`;
        else if (later) message = `COPY --from=${ref} refers to a stage defined later (line ${later.from.range.line}): define it before this stage`;
        else message = `COPY --from=${ref} matches no earlier stage and would pull an image named ${ref}: fix the stage name or write the image with a tag`;
        out.push({ range: dep.instruction.range, stage: stage.index, message });
      }
    }
    return out;
  }
};
