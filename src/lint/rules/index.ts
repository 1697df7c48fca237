import type { Rule } from '../rule';

/**
 * The registry: every rule, sorted by id. A meta-test keeps this list, the rule files and their tests in sync.
 * To add a rule: create `<id>.ts` exporting `rule`, import it here, and keep the array sorted.
 */
export const rules: readonly Rule[] = [];

export function ruleById(id: string): Rule | undefined {
  return rules.find(r => r.id === id);
}
