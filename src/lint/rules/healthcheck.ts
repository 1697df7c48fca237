import type { Rule } from '../rule';
import { effectiveInstructions, finalStageOf } from '../../dockerfile/stages';

export const rule: Rule = {
  id: 'healthcheck',
  severity: 'info',
  description: 'The final stage declares a HEALTHCHECK (HEALTHCHECK NONE counts as a decision).',
  aliases: ['DL3057'],
  scorecard: true,
  help: 'Orchestrators use the image HEALTHCHECK to restart unhealthy containers. Add `HEALTHCHECK CMD ...`, or `HEALTHCHECK NONE` to state that none applies.',
  check(model) {
    const final = finalStageOf(model);
    if (!final) return [];
    if (effectiveInstructions(model, final).some(i => i.keyword === 'HEALTHCHECK')) return [];
    return [{ range: final.from.range, message: 'the final stage has no HEALTHCHECK (add one, or HEALTHCHECK NONE)' }];
  }
};
