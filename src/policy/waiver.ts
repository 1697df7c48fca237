import type { GateFailure } from './types';

/**
 * A size budget waived on purpose: a label on the PR (`accept-size-label`, default `stageguard:accept-size`) turns
 * every size gate into a note. Who added the label and when come from the events (the timeline API), or from
 * the `labeled` event that started the run; the report records both.
 */
export interface SizeWaiver {
  label: string;
  /** Login of who added the label, null when it could not be read. */
  by: string | null;
  /** When it was added (ISO 8601), null when unknown. */
  at: string | null;
  /** Where by/at come from: the issue events API, the event payload, or nowhere (only the PR's labels). */
  source: 'issue-events' | 'event' | 'labels';
}

/** The gates a waiver turns into notes. */
export const SIZE_GATE_KINDS: ReadonlySet<GateFailure['kind']> = new Set(['max-size', 'max-increase', 'max-wasted']);

/** Pure: splits the gates into those that still fail and the size gates the waiver turned into notes. */
export function waiveSizeGates(gates: readonly GateFailure[], waiver: SizeWaiver | null | undefined): { gates: GateFailure[]; waived: GateFailure[] } {
  if (!waiver) return { gates: [...gates], waived: [] };
  return { gates: gates.filter(g => !SIZE_GATE_KINDS.has(g.kind)), waived: gates.filter(g => SIZE_GATE_KINDS.has(g.kind)) };
}
