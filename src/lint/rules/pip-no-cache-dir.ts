import type { Rule, RuleReport } from '../rule';
import { commandsOf, envValues, isRun, mountsOf } from '../instructions';
import { pipInstallArgs } from '../packages';
import { stageChain } from '../../dockerfile/stages';

/** pip reads PIP_NO_CACHE_DIR as a boolean: `0`, `off`, `no`, `false` keep the cache (as hadolint reads it). */
export const truthy = (v: string | undefined): boolean => v !== undefined && /^(1|true|on|yes)$/i.test(v.replace(/^(["'])(.*)\1$/, '$2'));
const setsNoCache = (assignment: string): boolean => assignment.startsWith('PIP_NO_CACHE_DIR=') && truthy(assignment.slice('PIP_NO_CACHE_DIR='.length));

export const rule: Rule = {
  id: 'pip-no-cache-dir',
  severity: 'warning',
  description: 'Every pip install uses --no-cache-dir, PIP_NO_CACHE_DIR or a cache mount.',
  aliases: ['DL3042'],
  scorecard: true,
  help: "pip keeps downloaded wheels in ~/.cache/pip, which then ships in the layer. Use `pip install --no-cache-dir`, `ENV PIP_NO_CACHE_DIR=1` (a false-like value, `0`, `off`, `no`, `false`, keeps the cache), `export PIP_NO_CACHE_DIR=1` earlier in the RUN, or a cache or tmpfs mount on pip's cache (`RUN --mount=type=cache,target=/root/.cache/pip`). `pipx` and `pipenv` manage their own caches and are not reported.",
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      // ENV PIP_NO_CACHE_DIR set in this stage or in the stage it is built FROM
      let envSet = stageChain(model, stage)
        .slice(1)
        .some(s => s.instructions.some(i => i.keyword === 'ENV' && truthy(envValues(i).PIP_NO_CACHE_DIR)));
      for (const inst of stage.instructions) {
        if (inst.keyword === 'ENV' && 'PIP_NO_CACHE_DIR' in envValues(inst)) envSet = truthy(envValues(inst).PIP_NO_CACHE_DIR);
        if (!isRun(inst) || envSet) continue;
        if (mountsOf(inst).some(m => /(^|,)type=(cache|tmpfs)(,|$)/.test(m) && /\.cache\/pip|(^|,)(target|dst|destination)=\/root\/\.cache\/?(,|$)/.test(m))) continue;
        let exported = false;
        for (const cmd of commandsOf(inst)) {
          if ((cmd.name === 'export' || cmd.name === 'declare') && cmd.args.some(setsNoCache)) exported = true;
          if (exported) break;
          const args = pipInstallArgs(cmd);
          if (!args) continue;
          if (args.includes('--no-cache-dir') || cmd.env.some(setsNoCache)) continue;
          out.push({ range: inst.range, message: 'pip install without --no-cache-dir keeps the download cache in the layer' });
          break;
        }
      }
    }
    return out;
  }
};
