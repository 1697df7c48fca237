import type { Rule, RuleReport } from '../rule';
import { allRuns, cacheMountWith, cmdHasArgs } from '../commandArgs';
import { mountsOf } from '../instructions';
import { shippedStages } from '../../dockerfile/stages';
import type { ShellCommand } from '../../shell/parse';

const install = (c: ShellCommand): boolean => cmdHasArgs(c, 'yarn', ['install']);
const clean = (c: ShellCommand): boolean => c.name === 'yarn' && c.args[0] === 'cache' && c.args[1] === 'clean';

export const rule: Rule = {
  id: 'yarn-cache-clean',
  severity: 'info',
  description: 'A RUN that runs yarn install also runs yarn cache clean after it.',
  aliases: ['DL3060'],
  help:
    'yarn keeps every downloaded package in its cache (~/.cache/yarn). End the RUN with `&& yarn cache clean`, or ' +
    'mount a cache there. As in hadolint, only stages that end up in the shipped image are checked (the final ' +
    'stage and the stages it is built FROM).',
  check(model) {
    const out: RuleReport[] = [];
    const shipped = shippedStages(model);
    for (const { stage, inst, script } of allRuns(model)) {
      if (!shipped.has(stage.index) || !script.commands.some(install) || cacheMountWith(mountsOf(inst), '.cache/yarn')) continue;
      const i = script.commands.findIndex(install);
      const c = script.commands.findIndex(clean);
      if (c > i) continue;
      out.push({ range: inst.range, stage: stage.index, message: 'yarn install without yarn cache clean after it: the package cache stays in the layer' });
    }
    return out;
  }
};
