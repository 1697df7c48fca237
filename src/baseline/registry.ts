import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { exec } from '../exec';

/**
 * A small client of the OCI distribution API (https://github.com/opencontainers/distribution-spec/blob/main/spec.md),
 * enough to push and read one small artifact beside the build caches: blobs by digest, manifests by tag.
 *
 * Credentials are the ones `docker login` left, read the way the docker CLI reads them: `$DOCKER_CONFIG/config.json`
 * (default `~/.docker/config.json`), a per-registry `credHelpers` entry or the global `credsStore` first (through
 * `docker-credential-<name> get`), else the base64 `auths[host].auth`. A 401 answers with a challenge
 * (`WWW-Authenticate: Bearer realm=...` as ghcr.io, Docker Hub and most registries do, or `Basic`), which is followed
 * once. No credential, header or token is ever put into an error message, a log line or the stored report.
 */

export interface RegistryRef {
  /** Host (and port) as docker names it, e.g. `ghcr.io`, `localhost:5000`. */
  host: string;
  /** Repository path, e.g. `org/repo/stageguard-cache`. */
  repository: string;
}

export interface Credentials {
  username: string;
  secret: string;
}

export interface Manifest {
  digest: string;
  mediaType: string;
  body: Buffer;
}

/** Pure: `repo:tag` or `repo@sha256:...` into the repository and the reference (tag or digest). */
export function splitImageRef(ref: string): { repository: string; reference: string } {
  const at = ref.indexOf('@');
  if (at > 0) return { repository: ref.slice(0, at), reference: ref.slice(at + 1) };
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repository: ref.slice(0, colon), reference: ref.slice(colon + 1) };
  return { repository: ref, reference: 'latest' };
}

/** Pure: splits `host[:port]/path` the way docker does (no dot, colon or `localhost` in the first part → Docker Hub). */
export function parseRepository(repo: string): RegistryRef {
  const r = repo.trim().replace(/\/+$/, '');
  if (/[:@]/.test(r.slice(r.lastIndexOf('/') + 1))) throw new Error(`"${repo}" names a tag or digest, not a repository`);
  const slash = r.indexOf('/');
  const first = slash < 0 ? '' : r.slice(0, slash);
  if (slash < 0 || !(/[.:]/.test(first) || first === 'localhost')) {
    return { host: 'docker.io', repository: slash < 0 ? `library/${r}` : r };
  }
  return { host: first, repository: r.slice(slash + 1) };
}

/** Pure: the API's base URL. Loopback registries speak plain HTTP, as docker allows them by default; the rest HTTPS. */
export function registryBaseUrl(host: string): string {
  if (host === 'docker.io') return 'https://registry-1.docker.io';
  const name = host.replace(/:\d+$/, '');
  const loopback = name === 'localhost' || /^127\./.test(name) || name === '[::1]';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

/** Pure: a `WWW-Authenticate` header's scheme and parameters. */
export function parseChallenge(header: string): { scheme: string; params: Record<string, string> } {
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return { scheme: '', params: {} };
  const params: Record<string, string> = {};
  const re = /(\w+)=("((?:[^"\\]|\\.)*)"|[^,\s]*)/g;
  for (let p = re.exec(m[2]); p; p = re.exec(m[2])) params[p[1].toLowerCase()] = p[3] !== undefined ? p[3].replace(/\\(.)/g, '$1') : p[2];
  return { scheme: m[1].toLowerCase(), params };
}

interface DockerConfig {
  auths?: Record<string, { auth?: string; identitytoken?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** Pure: the keys docker's config may list a registry under (`https://index.docker.io/v1/` for Docker Hub). */
export function configKeysFor(host: string): string[] {
  if (host === 'docker.io') return ['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'registry-1.docker.io'];
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

/** Pure: credentials from a parsed config's `auths` entry (no helper involved), or null. */
export function credentialsFromAuths(config: DockerConfig, host: string): Credentials | null {
  for (const key of configKeysFor(host)) {
    const a = config.auths?.[key];
    if (!a) continue;
    if (a.identitytoken) return { username: '<token>', secret: a.identitytoken };
    if (a.username && a.password) return { username: a.username, secret: a.password };
    if (a.auth) {
      const text = Buffer.from(a.auth, 'base64').toString('utf8');
      const colon = text.indexOf(':');
      if (colon > 0) return { username: text.slice(0, colon), secret: text.slice(colon + 1) };
    }
  }
  return null;
}

function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(os.homedir(), '.docker');
}

/** The credentials `docker login` stored for `host`, or null. Never throws: a broken config means anonymous access. */
export async function dockerCredentials(host: string, env: NodeJS.ProcessEnv = process.env): Promise<Credentials | null> {
  let config: DockerConfig;
  try {
    const file = path.join(dockerConfigDir(env), 'config.json');
    if (fs.statSync(file).size > 1024 * 1024) return null;
    config = JSON.parse(fs.readFileSync(file, 'utf8')) as DockerConfig;
  } catch {
    return null;
  }
  const helper = configKeysFor(host)
    .map(k => config.credHelpers?.[k])
    .find(Boolean) ?? config.credsStore;
  if (helper && /^[\w.-]+$/.test(helper)) {
    const serverUrl = host === 'docker.io' ? 'https://index.docker.io/v1/' : host;
    const r = await exec(`docker-credential-${helper}`, ['get'], { input: serverUrl, timeoutMs: 30000 });
    if (r.exitCode === 0) {
      try {
        const c = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
        if (c.Secret) return { username: c.Username ?? '', secret: c.Secret };
      } catch {
        // an unreadable helper answer: fall through to the config's own entries
      }
    }
  }
  return credentialsFromAuths(config, host);
}

export class RegistryError extends Error {
  constructor(
    message: string,
    readonly status?: number
  ) {
    super(message);
  }
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json'
].join(', ');

export function sha256Digest(body: Buffer | string): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/**
 * docker login's credentials per registry host (and docker config folder), read once a run: every image measured from
 * the registry has a client of its own, and a credential helper is a process to start.
 */
const credentialsByHost = new Map<string, Promise<Credentials | null>>();

/** One repository of one registry. `timeoutMs` bounds every request (a registry that hangs must not hang the run). */
export class RegistryClient {
  readonly base: string;
  private authHeader: string | null = null;

  constructor(
    readonly ref: RegistryRef,
    private readonly opts: { timeoutMs?: number } = {}
  ) {
    this.base = registryBaseUrl(ref.host);
  }

  static forRepository(repo: string, opts: { timeoutMs?: number } = {}): RegistryClient {
    return new RegistryClient(parseRepository(repo), opts);
  }

  private url(p: string): string {
    return `${this.base}/v2/${this.ref.repository}/${p}`;
  }

  private creds(): Promise<Credentials | null> {
    const key = `${process.env.DOCKER_CONFIG ?? ''}\0${this.ref.host}`;
    let c = credentialsByHost.get(key);
    if (c === undefined) credentialsByHost.set(key, (c = dockerCredentials(this.ref.host)));
    return c;
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(this.opts.timeoutMs ?? 30000) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new RegistryError(`the registry ${this.ref.host} could not be reached (${why})`);
    }
  }

  /** Answers a 401 challenge once: a bearer token from the realm (with the docker login credentials), or Basic. */
  private async authorize(challenge: string, actions: string): Promise<boolean> {
    const { scheme, params } = parseChallenge(challenge);
    const c = await this.creds();
    const basic = c ? `Basic ${Buffer.from(`${c.username}:${c.secret}`).toString('base64')}` : null;
    if (scheme === 'basic') {
      if (!basic) return false;
      this.authHeader = basic;
      return true;
    }
    if (scheme !== 'bearer' || !params.realm) return false;
    const u = new URL(params.realm);
    if (params.service) u.searchParams.set('service', params.service);
    u.searchParams.set('scope', `repository:${this.ref.repository}:${actions}`);
    const r = await this.send(u.toString(), { headers: basic ? { Authorization: basic } : {} });
    if (!r.ok) return false;
    const body = (await r.json().catch(() => ({}))) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) return false;
    this.authHeader = `Bearer ${token}`;
    return true;
  }

  private async request(method: string, url: string, actions: string, init: { headers?: Record<string, string>; body?: Buffer } = {}): Promise<Response> {
    const go = (): Promise<Response> =>
      this.send(url, {
        method,
        headers: { ...(init.headers ?? {}), ...(this.authHeader ? { Authorization: this.authHeader } : {}) },
        ...(init.body ? { body: init.body } : {})
      });
    let r = await go();
    if (r.status === 401) {
      const challenge = r.headers.get('www-authenticate') ?? '';
      await r.arrayBuffer().catch(() => undefined);
      if (await this.authorize(challenge, actions)) r = await go();
    }
    return r;
  }

  private async fail(r: Response, what: string): Promise<never> {
    const text = (await r.text().catch(() => '')).slice(0, 300).replace(/\s+/g, ' ').trim();
    let detail = text;
    try {
      const j = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
      if (j.errors?.[0]) detail = `${j.errors[0].code ?? ''} ${j.errors[0].message ?? ''}`.trim();
    } catch {
      // not JSON: keep the text
    }
    throw new RegistryError(`${what}: HTTP ${r.status}${detail ? ` (${detail})` : ''}`, r.status);
  }

  /** The manifest under `reference` (tag or digest), or null when there is none. */
  async getManifest(reference: string, maxBytes = 4 * 1024 * 1024): Promise<Manifest | null> {
    const r = await this.request('GET', this.url(`manifests/${reference}`), 'pull', { headers: { Accept: MANIFEST_TYPES } });
    if (r.status === 404) {
      await r.arrayBuffer().catch(() => undefined);
      return null;
    }
    if (!r.ok) return this.fail(r, `reading ${this.ref.host}/${this.ref.repository}:${reference}`);
    const body = await readBounded(r, maxBytes, `the manifest ${reference}`);
    return { digest: r.headers.get('docker-content-digest') ?? sha256Digest(body), mediaType: r.headers.get('content-type') ?? '', body };
  }

  /** A blob, checked against its digest; refused when larger than `maxBytes`. */
  async getBlob(digest: string, maxBytes: number): Promise<Buffer> {
    const r = await this.request('GET', this.url(`blobs/${digest}`), 'pull');
    if (!r.ok) return this.fail(r, `reading the blob ${digest}`);
    const body = await readBounded(r, maxBytes, `the blob ${digest}`);
    if (sha256Digest(body) !== digest) throw new RegistryError(`the blob ${digest} does not match its digest`);
    return body;
  }

  /** A blob as a stream (for layers: analysed as they arrive, never held); the caller checks size and digest. */
  async getBlobStream(digest: string): Promise<Readable> {
    const r = await this.request('GET', this.url(`blobs/${digest}`), 'pull');
    if (!r.ok || !r.body) return this.fail(r, `reading the blob ${digest}`);
    return Readable.fromWeb(r.body as import('node:stream/web').ReadableStream<Uint8Array>);
  }

  /** Uploads a blob (monolithic POST + PUT), unless the registry already has it. */
  async pushBlob(body: Buffer): Promise<string> {
    const digest = sha256Digest(body);
    const head = await this.request('HEAD', this.url(`blobs/${digest}`), 'pull,push');
    if (head.ok) return digest;
    const start = await this.request('POST', this.url('blobs/uploads/'), 'pull,push');
    if (start.status !== 202) return this.fail(start, `starting a blob upload to ${this.ref.host}/${this.ref.repository}`);
    await start.arrayBuffer().catch(() => undefined);
    const location = start.headers.get('location');
    if (!location) throw new RegistryError('the registry answered a blob upload without a Location');
    const u = new URL(location, this.base);
    u.searchParams.set('digest', digest);
    const put = await this.request('PUT', u.toString(), 'pull,push', {
      headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) },
      body
    });
    if (put.status !== 201) return this.fail(put, `uploading the blob ${digest}`);
    await put.arrayBuffer().catch(() => undefined);
    return digest;
  }

  async putManifest(tag: string, body: Buffer, mediaType: string): Promise<string> {
    const r = await this.request('PUT', this.url(`manifests/${tag}`), 'pull,push', { headers: { 'Content-Type': mediaType }, body });
    if (r.status !== 201) return this.fail(r, `writing ${this.ref.host}/${this.ref.repository}:${tag}`);
    await r.arrayBuffer().catch(() => undefined);
    return r.headers.get('docker-content-digest') ?? sha256Digest(body);
  }
}

async function readBounded(r: Response, maxBytes: number, what: string): Promise<Buffer> {
  const declared = Number(r.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await r.body?.cancel().catch(() => undefined);
    throw new RegistryError(`${what} is ${declared} bytes, more than the ${maxBytes} allowed`);
  }
  const parts: Buffer[] = [];
  let n = 0;
  if (r.body) {
    const reader = r.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      n += value.length;
      if (n > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new RegistryError(`${what} is more than the ${maxBytes} bytes allowed`);
      }
      parts.push(Buffer.from(value));
    }
  }
  return Buffer.concat(parts);
}
