import type { SizeWaiver } from '../policy/waiver';
import { describeGitHubError, type GitHubClient } from './client';
import { obj, str, type PullRequestContext } from './context';

/** GitHub label names are unique regardless of case. */
const same = (a: string | null, b: string): boolean => a !== null && a.toLowerCase() === b.toLowerCase();

/** Pure: the label names of the pull request in the event payload. */
export function payloadLabels(payload: unknown): string[] {
  const labels = obj(obj(payload).pull_request).labels;
  return Array.isArray(labels) ? labels.map(l => str(obj(l).name)).filter((n): n is string => n !== null).slice(0, 100) : [];
}

/** Pure: who added `label` and when, when the run was started by that very `labeled` event. */
export function labeledByPayload(payload: unknown, label: string): { by: string | null; at: string | null } | null {
  const p = obj(payload);
  if (p.action !== 'labeled' || !same(str(obj(p.label).name), label)) return null;
  return { by: str(obj(p.sender).login), at: str(obj(p.pull_request).updated_at) };
}

/**
 * Pure: from an issue's events (GET /repos/{owner}/{repo}/issues/{n}/events, oldest first), who last added `label`
 * and when; null when the events do not show it added (or show it removed afterwards).
 */
export function labeledByEvents(events: readonly unknown[], label: string): { by: string | null; at: string | null } | null {
  let found: { by: string | null; at: string | null } | null = null;
  for (const e of events) {
    const ev = obj(e);
    if (!same(str(obj(ev.label).name), label)) continue;
    if (ev.event === 'labeled') found = { by: str(obj(ev.actor).login), at: str(ev.created_at) };
    else if (ev.event === 'unlabeled') found = null;
  }
  return found;
}

/** Issue events read at most (100 a page): a PR with more events than that is named from the payload. */
const MAX_EVENT_PAGES = 10;

/**
 * The waiver of this run, or null when the PR does not carry the label. Who and when come from the issue events API;
 * when it cannot be read (no token, a fault), from the `labeled` event payload, else they are left unknown and a
 * warning says why. Never throws.
 */
export async function findSizeWaiver(
  octokit: GitHubClient | null,
  ctx: PullRequestContext,
  payload: unknown,
  label: string,
  warn: (m: string) => void
): Promise<SizeWaiver | null> {
  if (!label || !ctx.isPullRequest || ctx.pullNumber === null) return null;
  if (!payloadLabels(payload).some(l => same(l, label))) return null;
  if (octokit) {
    try {
      const events: unknown[] = [];
      for (let page = 1; page <= MAX_EVENT_PAGES; page++) {
        const r = await octokit.rest.issues.listEvents({ owner: ctx.owner, repo: ctx.repo, issue_number: ctx.pullNumber, per_page: 100, page });
        events.push(...r.data);
        if (r.data.length < 100) break;
      }
      const who = labeledByEvents(events, label);
      if (who) return { label, ...who, source: 'issue-events' };
    } catch (e) {
      warn(`Could not read who added the label ${label} (${describeGitHubError(e).message}); the size budgets are waived all the same.`);
    }
  }
  const fromEvent = labeledByPayload(payload, label);
  if (fromEvent) return { label, ...fromEvent, source: 'event' };
  return { label, by: null, at: null, source: 'labels' };
}
