import type { Rule, RuleReport } from '../rule';
import { commandsOf, envNames } from '../instructions';
import { pipInstallArgs } from '../packages';
import { stageChain } from '../../dockerfile/stages';

export const rule: Rule = {
  id: 'pip-no-cache-dir',
  severity: 'warning',
  description: 'Every pip install uses --no-cache-dir, PIP_NO_CACHE_DIR or a cache mount.',
  aliases: ['DL3042'],
  scorecard: true,
  help: "pip keeps downloaded wheels in ~/.cache/pip, which then ships in the layer. Use `pip install --no-cache-dir`, `ENV PIP_NO_CACHE_DIR=1`, or `RUN --mount=type=cache,target=/root/.cache/pip`.",
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      // ENV PIP_NO_CACHE_DIR set in this stage or in the stage it is built FROM
      let envSet = stageChain(model, stage)
        .slice(1)
        .some(s => s.instructions.some(i => i.keyword === 'ENV' && envNames(i).includes('PIP_NO_CACHE_DIR')));
      for (const inst of stage.instructions) {
        if (inst.keyword === 'ENV' && envNames(inst).includes('PIP_NO_CACHE_DIR')) envSet = true;
        if (inst.keyword !== 'RUN' || envSet) continue;
        if (inst.mounts.some(m => /(^|,)type=cache(,|$)/.test(m))) continue;
        for (const cmd of commandsOf(inst)) {
          const args = pipInstallArgs(cmd);
          if (!args) continue;
          if (args.includes('--no-cache-dir') || cmd.env.some(e => e.startsWith('PIP_NO_CACHE_DIR='))) continue;
          out.push({ range: inst.range, message: 'pip install without --no-cache-dir keeps the download cache in the layer' });
          break;
        }
      }
    }
    return out;
  }
};
