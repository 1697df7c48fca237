import type { Rule, RuleReport } from '../rule';
import { stageChain } from '../../dockerfile/stages';

export const rule: Rule = {
  id: 'json-args-recommended',
  severity: 'warning',
  description: 'CMD and ENTRYPOINT use the JSON (exec) form unless the stage sets its own SHELL.',
  aliases: ['JSONArgsRecommended'],
  help:
    'In shell form the command runs under `/bin/sh -c`, which does not pass signals on, so `docker stop` waits and kills the container. ' +
    'As in BuildKit, a stage with a SHELL of its own (or built FROM a stage that has one) is not reported: the shell form is then intended. ' +
    'hadolint\'s DL3025 (`json-cmd`) reports shell-form CMD/ENTRYPOINT whatever the SHELL.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const hasShell = stageChain(model, stage).some(s => s.instructions.some(i => i.keyword === 'SHELL'));
      if (hasShell) continue;
      for (const i of stage.instructions) {
        if ((i.keyword === 'CMD' || i.keyword === 'ENTRYPOINT') && !i.jsonForm && i.args.trim() !== '') {
          out.push({ range: i.range, stage: stage.index, message: `JSON arguments recommended for ${i.keyword} to prevent unintended behavior related to OS signals` });
        }
      }
    }
    return out;
  }
};
