/** Severities of findings, shared by config, lint, policy and the renderers. */
export type Severity = 'error' | 'warning' | 'info' | 'style';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];

/** 0 for the most severe (`error`), up to 3 (`style`): the one order of severities. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
