import { createGitHubClient } from '../../src/github/client';
import { readPullRequestContext } from '../../src/github/context';
import { findSizeWaiver, labeledByEvents, labeledByPayload, payloadLabels } from '../../src/github/labels';
import { pullRequestEvent } from '../e2e/harness';
import type { FakeUser } from '../support/fakeGithub';
import { useFakeGithub } from '../support/useFakeGithub';

const REPO = 'acme/shop';
const LABEL = 'stageguard:accept-size';
const ALICE: FakeUser = { login: 'alice', id: 3001, type: 'User' };
const BOB: FakeUser = { login: 'bob', id: 3002, type: 'User' };
const event = (labels: string[], extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...(pullRequestEvent({ repo: REPO, number: 7, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40), headRef: 'feature', baseRef: 'main', labels }) as Record<string, unknown>),
  ...extra
});
const env = { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REPOSITORY: REPO };

describe('the waiver label in the event', () => {
  it('reads the PR\'s labels from the payload', () => {
    expect(payloadLabels(event(['bug', LABEL]))).toEqual(['bug', LABEL]);
    expect(payloadLabels({})).toEqual([]);
  });

  it.each([
    ['the labeled event for that label', { action: 'labeled', label: { name: 'Stageguard:Accept-Size' }, sender: { login: 'carol' } }, { by: 'carol', at: '2026-03-01T11:59:00Z' }],
    ['a labeled event for another label', { action: 'labeled', label: { name: 'bug' }, sender: { login: 'carol' } }, null],
    ['a synchronize event', {}, null]
  ])('names who added it from %s', (_name, extra, want) => {
    expect(labeledByPayload(event([LABEL], extra), LABEL)).toEqual(want);
  });
});

describe('labeledByEvents', () => {
  const ev = (event: string, name: string, login: string, at: string): unknown => ({ event, label: { name }, actor: { login }, created_at: at });
  it.each([
    ['the last time it was added', [ev('labeled', LABEL, 'alice', '1'), ev('unlabeled', LABEL, 'bob', '2'), ev('labeled', LABEL, 'carol', '3')], { by: 'carol', at: '3' }],
    ['nothing when it was removed last', [ev('labeled', LABEL, 'alice', '1'), ev('unlabeled', LABEL, 'bob', '2')], null],
    ['nothing for other labels and events', [ev('labeled', 'bug', 'alice', '1'), { event: 'closed' }, null, 7], null]
  ])('finds %s', (_name, events, want) => {
    expect(labeledByEvents(events, LABEL)).toEqual(want);
  });
});

describe('findSizeWaiver against the fake GitHub API', () => {
  const github = useFakeGithub();
  const client = () => createGitHubClient({ token: 'ghs_faketoken0123456789abcdefghijkl', baseUrl: github().url, backoffBaseMs: 1, spaceWrites: false, onNotice: () => undefined });

  beforeEach(() => github().reset());

  it('names who added the label and when, from the issue events API', async () => {
    github().labelIssue(REPO, 7, 'bug', BOB);
    const added = github().labelIssue(REPO, 7, LABEL, ALICE);
    const payload = event([LABEL]);
    const warnings: string[] = [];
    const w = await findSizeWaiver(client(), readPullRequestContext(env, payload), payload, LABEL, m => warnings.push(m));
    expect(w).toEqual({ label: LABEL, by: 'alice', at: added.created_at, source: 'issue-events' });
    expect(warnings).toEqual([]);
    expect(github().requests.map(r => `${r.method} ${r.path}`)).toEqual([`GET /repos/${REPO}/issues/7/events`]);
  });

  it('waives nothing when the PR does not carry the label, and asks no API', async () => {
    const payload = event(['bug']);
    expect(await findSizeWaiver(client(), readPullRequestContext(env, payload), payload, LABEL, () => undefined)).toBeNull();
    expect(github().requests).toEqual([]);
  });

  it('falls back to the labeled event when the events API fails, and says so', async () => {
    github().fail('listIssueEvents', 404, 1);
    const payload = event([LABEL], { action: 'labeled', label: { name: LABEL }, sender: { login: 'carol' } });
    const warnings: string[] = [];
    const w = await findSizeWaiver(client(), readPullRequestContext(env, payload), payload, LABEL, m => warnings.push(m));
    expect(w).toEqual({ label: LABEL, by: 'carol', at: '2026-03-01T11:59:00Z', source: 'event' });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^Could not read who added the label stageguard:accept-size/);
  });

  it('waives without a name when neither the API nor the event says who', async () => {
    const payload = event([LABEL]);
    expect(await findSizeWaiver(null, readPullRequestContext(env, payload), payload, LABEL, () => undefined)).toEqual({ label: LABEL, by: null, at: null, source: 'labels' });
  });

  it('reads the events page by page', async () => {
    for (let i = 0; i < 120; i++) github().labelIssue(REPO, 7, `l${i}`, BOB);
    const added = github().labelIssue(REPO, 7, LABEL, ALICE);
    const payload = event([LABEL]);
    expect(await findSizeWaiver(client(), readPullRequestContext(env, payload), payload, LABEL, () => undefined)).toMatchObject({ by: 'alice', at: added.created_at });
    expect(github().requests.map(r => r.query.page)).toEqual(['1', '2']);
  });
});
