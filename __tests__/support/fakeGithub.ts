/**
 * A local stand-in for the GitHub REST API on 127.0.0.1 (port 0 by default), with GitHub's real response shapes,
 * for the endpoints stageguard uses:
 *   GET    /repos/{o}/{r}/pulls/{n}/files            (paginated, Link header)
 *   GET    /repos/{o}/{r}/issues/{n}/comments        (paginated, Link header)
 *   POST   /repos/{o}/{r}/issues/{n}/comments
 *   PATCH  /repos/{o}/{r}/issues/comments/{id}
 *   DELETE /repos/{o}/{r}/issues/comments/{id}
 *   GET    /user                                     (a user's token: the user; an installation token: 403)
 * Every request is recorded (method, path, query, headers, body). Faults can be injected per route for N times:
 * 403 (GitHub's JSON error body), 404, 500, 502, and a secondary rate limit (403 + retry-after).
 *
 * Shapes follow https://docs.github.com/en/rest/pulls/pulls#list-pull-requests-files and
 * https://docs.github.com/en/rest/issues/comments (issue comment objects).
 *
 * Importable (`startFakeGithub()`), and runnable on its own for the end-to-end harness:
 *   node -e "require('ts-node/register')" …  or, with only TypeScript installed:
 *   node -e "const ts=require('typescript'),fs=require('fs'),M=require('module');const f='__tests__/support/fakeGithub.ts';const m=new M(f);m.paths=M._nodeModulePaths(process.cwd());m._compile(ts.transpileModule(fs.readFileSync(f,'utf8'),{compilerOptions:{module:ts.ModuleKind.CommonJS,target:ts.ScriptTarget.ES2022}}).outputText,f);m.exports.main()" -- --port 0
 * It prints `FAKE_GITHUB_URL=http://127.0.0.1:<port>` and serves control routes under `/_fake/`:
 *   GET /_fake/requests, GET /_fake/comments?repo=o/r&issue=n, POST /_fake/files {repo, pull, files: [...]},
 *   POST /_fake/comments {repo, issue, body, login?}, POST /_fake/faults {route, status, times, retryAfter?}, POST /_fake/reset
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type RouteName = 'getUser' | 'listFiles' | 'listComments' | 'createComment' | 'updateComment' | 'deleteComment' | 'listIssueEvents';
export type FaultKind = 403 | 404 | 500 | 502 | 'secondary-rate-limit';

export interface RecordedRequest {
  method: string;
  path: string;
  route: RouteName | 'unknown' | 'control';
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: unknown;
  status: number;
}

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface IssueComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  body: string;
  user: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  issue_url: string;
  author_association: string;
  performed_via_github_app: null;
  reactions: Record<string, unknown>;
}

export interface PullFile {
  sha: string;
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  blob_url: string;
  raw_url: string;
  contents_url: string;
  patch?: string;
  previous_filename?: string;
}

interface Fault {
  route: RouteName;
  kind: FaultKind;
  times: number;
  retryAfter: number;
  /** Replaces the error body's `message` (e.g. a server that quotes the credential back). */
  message?: string;
}

/** The bot a GITHUB_TOKEN posts as. */
export const ACTIONS_BOT: FakeUser = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' };

function userObject(base: string, u: FakeUser): Record<string, unknown> {
  return {
    login: u.login,
    id: u.id,
    node_id: Buffer.from(`04:User${u.id}`).toString('base64'),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url: `${base}/users/${encodeURIComponent(u.login)}`,
    html_url: `https://github.com/${u.type === 'Bot' ? 'apps/' + u.login.replace(/\[bot\]$/, '') : u.login}`,
    type: u.type,
    site_admin: false
  };
}

function fakeSha(seed: string): string {
  let h = 2166136261;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const c of `${seed}:${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export class FakeGithub {
  readonly requests: RecordedRequest[] = [];
  private server: http.Server | null = null;
  private nextId = 1000;
  private clock = Date.parse('2026-03-01T12:00:00Z');
  private faults: Fault[] = [];
  /** key `o/r#n` */
  private comments = new Map<string, IssueComment[]>();
  private files = new Map<string, PullFile[]>();
  /** key `o/r#n`: the issue's events (GET /repos/{o}/{r}/issues/{n}/events), oldest first */
  private issueEvents = new Map<string, Record<string, unknown>[]>();
  /** Which user a token acts as; tokens not listed act as the Actions bot. */
  readonly tokens = new Map<string, FakeUser>();
  url = '';

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(e => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `fake server error: ${String(e)}` }));
      });
    });
    await new Promise<void>(resolve => this.server!.listen(port, '127.0.0.1', resolve));
    const addr = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${addr.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const s = this.server;
    this.server = null;
    s.closeAllConnections?.();
    await new Promise<void>(resolve => s.close(() => resolve()));
  }

  reset(): void {
    this.requests.length = 0;
    this.faults = [];
    this.comments.clear();
    this.files.clear();
    this.issueEvents.clear();
  }

  /** The next `times` requests to `route` fail with `kind`. */
  fail(route: RouteName, kind: FaultKind, times = 1, retryAfter = 1, message?: string): void {
    this.faults.push({ route, kind, times, retryAfter, ...(message !== undefined ? { message } : {}) });
  }

  setFiles(repo: string, pull: number, files: { filename: string; status?: PullFile['status']; previous_filename?: string; patch?: string }[]): void {
    this.files.set(
      `${repo}#${pull}`,
      files.map(f => {
        const sha = fakeSha(f.filename);
        const enc = f.filename.split('/').map(encodeURIComponent).join('/');
        const out: PullFile = {
          sha,
          filename: f.filename,
          status: f.status ?? 'modified',
          additions: 3,
          deletions: f.status === 'added' ? 0 : 1,
          changes: f.status === 'added' ? 3 : 4,
          blob_url: `https://github.com/${repo}/blob/${sha}/${enc}`,
          raw_url: `https://github.com/${repo}/raw/${sha}/${enc}`,
          contents_url: `${this.url}/repos/${repo}/contents/${enc}?ref=${sha}`,
          patch: f.patch ?? '@@ -1,3 +1,5 @@\n FROM busybox\n-RUN true\n+RUN echo hi'
        };
        if (f.previous_filename) out.previous_filename = f.previous_filename;
        return out;
      })
    );
  }

  /**
   * Records `user` adding (or removing) a label on an issue or PR, as GitHub's issue events API lists it (the
   * shape of GET /repos/{owner}/{repo}/issues/{issue_number}/events: id, node_id, url, actor, event, commit_id,
   * commit_url, created_at, label {name, color}, performed_via_github_app).
   */
  labelIssue(repo: string, issue: number, label: string, user: FakeUser, event: 'labeled' | 'unlabeled' = 'labeled'): Record<string, unknown> {
    const id = this.nextId++;
    this.clock += 1000;
    const e = {
      id,
      node_id: `LE_lADO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`,
      url: `${this.url}/repos/${repo}/issues/events/${id}`,
      actor: userObject(this.url, user),
      event,
      commit_id: null,
      commit_url: null,
      created_at: new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      label: { name: label, color: 'ededed' },
      performed_via_github_app: null
    };
    const key = `${repo}#${issue}`;
    if (!this.issueEvents.has(key)) this.issueEvents.set(key, []);
    this.issueEvents.get(key)!.push(e);
    return e;
  }

  /** Adds a comment as if `user` had posted it (seeding, or another run racing this one). */
  addComment(repo: string, issue: number, body: string, user: FakeUser = ACTIONS_BOT): IssueComment {
    const id = this.nextId++;
    this.clock += 1000;
    const at = new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const c: IssueComment = {
      id,
      node_id: `IC_kwDO${Buffer.from(String(id)).toString('base64').replace(/=+$/, '')}`,
      url: `${this.url}/repos/${repo}/issues/comments/${id}`,
      html_url: `https://github.com/${repo}/pull/${issue}#issuecomment-${id}`,
      body,
      user: userObject(this.url, user),
      created_at: at,
      updated_at: at,
      issue_url: `${this.url}/repos/${repo}/issues/${issue}`,
      author_association: user.type === 'Bot' ? 'NONE' : 'CONTRIBUTOR',
      performed_via_github_app: null,
      reactions: { url: `${this.url}/repos/${repo}/issues/comments/${id}/reactions`, total_count: 0, '+1': 0, '-1': 0 }
    };
    const key = `${repo}#${issue}`;
    if (!this.comments.has(key)) this.comments.set(key, []);
    this.comments.get(key)!.push(c);
    return c;
  }

  commentsOf(repo: string, issue: number): IssueComment[] {
    return [...(this.comments.get(`${repo}#${issue}`) ?? [])];
  }

  /**
   * Runs `fn` the next time `route` is served, before the response (to simulate a concurrent run). When `fn` returns
   * a promise, the response waits for it (a barrier that forces two real runs to interleave).
   */
  onceBefore(route: RouteName, fn: () => unknown): void {
    this.hooks.push({ route, fn });
  }
  private hooks: { route: RouteName; fn: () => unknown }[] = [];

  private findComment(id: number): { key: string; list: IssueComment[]; index: number } | null {
    for (const [key, list] of this.comments) {
      const index = list.findIndex(c => c.id === id);
      if (index >= 0) return { key, list, index };
    }
    return null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      /* keep raw */
    }
    const query = Object.fromEntries(u.searchParams.entries());
    const method = (req.method ?? 'GET').toUpperCase();
    const rec: RecordedRequest = { method, path: u.pathname, route: 'unknown', query, headers: req.headers, body, status: 0 };
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      rec.status = status;
      const text = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4999',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
        'x-github-request-id': `FAKE:${this.requests.length}`,
        ...headers
      });
      res.end(text);
    };

    if (u.pathname.startsWith('/_fake/')) {
      rec.route = 'control';
      return this.control(method, u, body, send);
    }
    this.requests.push(rec);

    const m = {
      files: /^\/repos\/([^/]+\/[^/]+)\/pulls\/(\d+)\/files$/.exec(u.pathname),
      list: /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(u.pathname),
      one: /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(u.pathname),
      events: /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/events$/.exec(u.pathname)
    };
    let route: RouteName | 'unknown' = 'unknown';
    if (u.pathname === '/user' && method === 'GET') route = 'getUser';
    else if (m.files && method === 'GET') route = 'listFiles';
    else if (m.list && method === 'GET') route = 'listComments';
    else if (m.list && method === 'POST') route = 'createComment';
    else if (m.one && method === 'PATCH') route = 'updateComment';
    else if (m.one && method === 'DELETE') route = 'deleteComment';
    else if (m.events && method === 'GET') route = 'listIssueEvents';
    rec.route = route;
    if (route === 'unknown') return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });

    const auth = String(req.headers.authorization ?? '');
    if (!/^(token|bearer) \S+$/i.test(auth)) {
      return send(401, { message: 'Requires authentication', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    const user = this.tokens.get(auth.replace(/^(token|bearer) /i, '')) ?? ACTIONS_BOT;

    const hookIndex = this.hooks.findIndex(h => h.route === route);
    if (hookIndex >= 0) {
      const done = this.hooks.splice(hookIndex, 1)[0].fn();
      if (done instanceof Promise) await done;
    }

    const fault = this.faults.find(f => f.route === route && f.times > 0);
    if (fault) {
      fault.times--;
      return this.sendFault(fault, send);
    }

    const perPage = Math.min(100, Math.max(1, Number(query.per_page ?? 30) || 30));
    const page = Math.max(1, Number(query.page ?? 1) || 1);
    const paginate = <T>(items: T[]): void => {
      const last = Math.max(1, Math.ceil(items.length / perPage));
      const link = (p: number): string => {
        const q = new URLSearchParams(u.searchParams);
        q.set('per_page', String(perPage));
        q.set('page', String(p));
        return `${this.url}${u.pathname}?${q.toString()}`;
      };
      const rels: string[] = [];
      if (page > 1) rels.push(`<${link(page - 1)}>; rel="prev"`);
      if (page < last) rels.push(`<${link(page + 1)}>; rel="next"`);
      if (page < last) rels.push(`<${link(last)}>; rel="last"`);
      if (page > 1) rels.push(`<${link(1)}>; rel="first"`);
      send(200, items.slice((page - 1) * perPage, page * perPage), rels.length ? { link: rels.join(', ') } : {});
    };

    switch (route) {
      case 'getUser':
        // https://docs.github.com/rest/users/users#get-the-authenticated-user: an installation token may not read it
        if (user.type === 'Bot') {
          return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user', status: '403' });
        }
        return send(200, { ...userObject(this.url, user), name: null, company: null, blog: '', location: null, email: null, hireable: null, bio: null, public_repos: 3, followers: 0, following: 0, created_at: '2020-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' });
      case 'listFiles': {
        const files = this.files.get(`${m.files![1]}#${m.files![2]}`);
        if (!files) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/pulls/pulls#list-pull-requests-files', status: '404' });
        // "Responses include a maximum of 3000 files."
        return paginate(files.slice(0, 3000));
      }
      case 'listComments':
        return paginate(this.commentsOf(m.list![1], Number(m.list![2])));
      case 'listIssueEvents':
        return paginate(this.issueEvents.get(`${m.events![1]}#${m.events![2]}`) ?? []);
      case 'createComment': {
        const text = (body as { body?: unknown })?.body;
        if (typeof text !== 'string' || text === '') {
          return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }], documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment', status: '422' });
        }
        if (text.length > 65536) {
          return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }], documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment', status: '422' });
        }
        const c = this.addComment(m.list![1], Number(m.list![2]), text, user);
        return send(201, c, { location: c.url });
      }
      case 'updateComment': {
        const found = this.findComment(Number(m.one![2]));
        if (!found) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment', status: '404' });
        const text = (body as { body?: unknown })?.body;
        if (typeof text !== 'string' || text.length > 65536) {
          return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body' }], documentation_url: 'https://docs.github.com/rest/issues/comments#update-an-issue-comment', status: '422' });
        }
        const c = found.list[found.index];
        this.clock += 1000;
        c.body = text;
        c.updated_at = new Date(this.clock).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return send(200, c);
      }
      case 'deleteComment': {
        const found = this.findComment(Number(m.one![2]));
        if (!found) return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/issues/comments#delete-an-issue-comment', status: '404' });
        found.list.splice(found.index, 1);
        rec.status = 204;
        res.writeHead(204);
        res.end();
        return;
      }
    }
  }

  private sendFault(f: Fault, sendRaw: (status: number, payload: unknown, headers?: Record<string, string>) => void): void {
    const send = (status: number, payload: unknown, headers?: Record<string, string>): void =>
      sendRaw(status, f.message !== undefined ? { ...(payload as Record<string, unknown>), message: f.message } : payload, headers);
    switch (f.kind) {
      case 'secondary-rate-limit':
        return send(
          403,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE.',
            documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            status: '403'
          },
          { 'retry-after': String(f.retryAfter) }
        );
      case 403:
        return send(403, {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
          status: '403'
        });
      case 404:
        return send(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
      case 500:
        return send(500, { message: 'Server Error' });
      case 502:
        return send(502, { message: 'Server Error' });
    }
  }

  private control(method: string, u: URL, body: unknown, send: (status: number, payload: unknown) => void): void {
    const b = (body ?? {}) as Record<string, unknown>;
    const p = u.pathname;
    if (p === '/_fake/requests' && method === 'GET') return send(200, this.requests);
    if (p === '/_fake/comments' && method === 'GET') {
      return send(200, this.commentsOf(u.searchParams.get('repo') ?? '', Number(u.searchParams.get('issue'))));
    }
    if (p === '/_fake/comments' && method === 'POST') {
      const user = typeof b.login === 'string' ? { login: b.login, id: 9000, type: 'User' as const } : ACTIONS_BOT;
      return send(201, this.addComment(String(b.repo), Number(b.issue), String(b.body), user));
    }
    if (p === '/_fake/files' && method === 'POST') {
      this.setFiles(String(b.repo), Number(b.pull), (b.files as { filename: string }[]) ?? []);
      return send(201, { ok: true });
    }
    if (p === '/_fake/faults' && method === 'POST') {
      this.fail(b.route as RouteName, b.status as FaultKind, Number(b.times ?? 1), Number(b.retryAfter ?? 1));
      return send(201, { ok: true });
    }
    if (p === '/_fake/reset' && method === 'POST') {
      this.reset();
      return send(200, { ok: true });
    }
    return send(404, { message: 'unknown control route' });
  }
}

export async function startFakeGithub(port = 0): Promise<FakeGithub> {
  const fake = new FakeGithub();
  await fake.start(port);
  return fake;
}

/** Standalone: `--port N` (default 0); prints the URL and serves until killed. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<FakeGithub> {
  const i = argv.indexOf('--port');
  const fake = await startFakeGithub(i >= 0 ? Number(argv[i + 1]) : 0);
  process.stdout.write(`FAKE_GITHUB_URL=${fake.url}\n`);
  const stop = (): void => {
    void fake.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return fake;
}

if (/fakeGithub\.(ts|js)$/.test(process.argv[1] ?? '') && typeof require !== 'undefined' && require.main === module) {
  void main();
}
