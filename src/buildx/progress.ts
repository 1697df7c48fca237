/**
 * Reads `docker buildx build --progress=rawjson` output. BuildKit writes one pretty-printed (multi-line) JSON
 * `SolveStatus` object after another on stderr, not one object per line, and on failure buildx appends plain text
 * (the Dockerfile excerpt and `ERROR: failed to solve: ...`). Objects are therefore split by brace depth outside
 * strings, starting only at a `{` at the beginning of a line, so braces in the trailing text (`${VAR}`) are ignored.
 * The parser is incremental (`feed` chunks as they arrive) and keeps only a bounded tail of each vertex's logs.
 */

export interface ProgressSummary {
  /** Dockerfile steps (vertices named `[stage i/n] KEYWORD ...`) other than FROM. */
  total: number;
  /** Steps BuildKit reported as CACHED. */
  cached: number;
  /** Steps that really ran (started and not cached), the failing one included. */
  executed: number;
  /** The name of the first step that failed, when one did. */
  failedVertex?: string;
  /** The failing step's last log lines and its error, or the last lines of the whole output. */
  logTail: string;
  /** One entry per `importing cache manifest from <ref>` vertex: hit when it completed without error. */
  cacheImports: { ref: string; hit: boolean; error?: string }[];
  /** Set when `exporting cache to registry` reported an error (ignored by BuildKit with ignore-error=true). */
  cacheExportError?: string;
  /** Every Dockerfile step BuildKit reported, FROM included, in the order it first reported them. */
  steps: ProgressStep[];
  /**
   * Seconds spent importing cache manifests and exporting the cache, and the layers the export wrote (BuildKit's
   * progress names them but gives no sizes).
   */
  cacheTime: { importSeconds: number; exportSeconds: number; exportedLayers: number };
}

/** One Dockerfile step of a build, as BuildKit names it: `[runtime 2/3] RUN apt-get install curl`. */
export interface ProgressStep {
  /** The stage's name (`runtime`, `stage-1`), or null for the one unnamed stage of a single-stage Dockerfile. */
  stage: string | null;
  /** 1-based position among the stage's steps that make a vertex (FROM, RUN, COPY, ADD, WORKDIR), and their count. */
  index: number;
  count: number;
  keyword: string;
  /** The instruction as BuildKit prints it (continuation lines joined). */
  text: string;
  cached: boolean;
  /** Seconds from start to completion, null when it never completed. */
  seconds: number | null;
  started?: string;
  error?: string;
}

interface Vertex {
  digest: string;
  name: string;
  cached?: boolean;
  started?: string;
  completed?: string;
  error?: string;
  order: number;
}

interface VertexStatus {
  id: string;
  vertex: string;
}

/** Pure: `[runtime 2/3] RUN x` → its parts; null for internal vertices. */
export function parseStepName(name: string): Pick<ProgressStep, 'stage' | 'index' | 'count' | 'keyword' | 'text'> | null {
  const m = /^\[(?:([^\]\s]+)\s)?(\d+)\/(\d+)\]\s+(\S+)/.exec(name);
  if (!m) return null;
  return { stage: m[1] ?? null, index: Number(m[2]), count: Number(m[3]), keyword: m[4].toUpperCase(), text: name.slice(name.indexOf(']') + 1).trim() };
}

/** Pure: seconds between two RFC 3339 stamps, null when either is missing or unreadable. */
export function secondsBetween(started?: string, completed?: string): number | null {
  if (!started || !completed) return null;
  const a = Date.parse(started);
  const b = Date.parse(completed);
  return Number.isFinite(a) && Number.isFinite(b) && b >= a ? Math.round((b - a) / 10) / 100 : null;
}

const STEP = /^\[(?:[^\]]*\s)?(\d+)\/(\d+)\]\s+(\S+)/;
const IMPORT = /^importing cache manifest from (.+)$/;
const EXPORT_CACHE = /^exporting cache/;
const MAX_LOG_BYTES = 64 * 1024;

/** `FROM`, `RUN`, ... for a Dockerfile step vertex; undefined for internal vertices. */
export function stepKeyword(vertexName: string): string | undefined {
  const m = STEP.exec(vertexName);
  return m ? m[3].toUpperCase() : undefined;
}

export class RawJsonProgress {
  private vertexes = new Map<string, Vertex>();
  /** Per vertex, the `writing layer …` statuses a cache export printed (what `exportedLayers` counts); bounded. */
  private writtenLayers = new Map<string, Set<string>>();
  private writtenCount = 0;
  private logs = new Map<string, string>();
  private pending = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private objectStart = -1;
  private scanned = 0;
  private atLineStart = true;
  private textTail = '';
  private order = 0;

  /** Feeds the next chunk of output. */
  feed(chunk: string | Buffer): void {
    const s = this.pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    let outside = '';
    let i = this.scanned;
    for (; i < s.length; i++) {
      const c = s[i];
      if (this.depth === 0) {
        if (c === '{' && (i === 0 ? this.atLineStart : s[i - 1] === '\n')) {
          this.depth = 1;
          this.objectStart = i;
        } else outside += c;
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === '\\') this.escaped = true;
        else if (c === '"') this.inString = false;
        continue;
      }
      if (c === '"') this.inString = true;
      else if (c === '{') this.depth++;
      else if (c === '}') {
        this.depth--;
        if (this.depth === 0) this.takeObject(s.slice(this.objectStart, i + 1));
      }
    }
    // Text outside objects keeps a small tail: the `ERROR: failed to solve` trailer lives there.
    if (outside !== '') this.textTail = (this.textTail + outside).slice(-8000);
    if (this.depth > 0) {
      this.pending = s.slice(this.objectStart);
      this.scanned = this.pending.length;
      this.objectStart = 0;
    } else {
      this.atLineStart = s.length === 0 ? this.atLineStart : s[s.length - 1] === '\n';
      this.pending = '';
      this.scanned = 0;
    }
  }

  private takeObject(text: string): void {
    let obj: {
      vertexes?: Partial<Vertex>[];
      statuses?: Partial<VertexStatus>[];
      logs?: { vertex: string; data?: string }[];
    };
    try {
      obj = JSON.parse(text);
    } catch {
      return; // not a status object (e.g. text that happened to start with `{`)
    }
    for (const v of obj.vertexes ?? []) {
      if (!v.digest) continue;
      const prev = this.vertexes.get(v.digest);
      const merged: Vertex = { ...(prev ?? { order: this.order++ }), ...v, digest: v.digest, name: v.name ?? prev?.name ?? '' } as Vertex;
      if (prev?.cached) merged.cached = true;
      this.vertexes.set(v.digest, merged);
    }
    for (const st of obj.statuses ?? []) {
      if (!st.id || !st.vertex || !st.id.startsWith('writing layer ') || this.writtenCount > 10_000) continue;
      let ids = this.writtenLayers.get(st.vertex);
      if (ids === undefined) this.writtenLayers.set(st.vertex, (ids = new Set()));
      if (!ids.has(st.id)) {
        ids.add(st.id);
        this.writtenCount++;
      }
    }
    for (const l of obj.logs ?? []) {
      if (!l.vertex || !l.data) continue;
      const next = (this.logs.get(l.vertex) ?? '') + Buffer.from(l.data, 'base64').toString('utf8');
      this.logs.set(l.vertex, next.length > MAX_LOG_BYTES ? next.slice(-MAX_LOG_BYTES) : next);
    }
  }

  /** The summary of everything fed so far. */
  summary(tailLines = 30): ProgressSummary {
    let total = 0;
    let cached = 0;
    let executed = 0;
    let failed: Vertex | undefined;
    const cacheImports: ProgressSummary['cacheImports'] = [];
    let cacheExportError: string | undefined;
    const ordered = [...this.vertexes.values()].sort((a, b) => a.order - b.order);
    const steps: ProgressStep[] = [];
    const cacheTime = { importSeconds: 0, exportSeconds: 0, exportedLayers: 0 };
    for (const v of ordered) {
      const imp = IMPORT.exec(v.name);
      if (imp) {
        cacheImports.push({ ref: imp[1], hit: !!v.completed && !v.error, ...(v.error ? { error: v.error } : {}) });
        cacheTime.importSeconds += secondsBetween(v.started, v.completed) ?? 0;
        continue;
      }
      if (EXPORT_CACHE.test(v.name)) {
        if (v.error) cacheExportError = v.error;
        cacheTime.exportSeconds += secondsBetween(v.started, v.completed) ?? 0;
        cacheTime.exportedLayers += this.writtenLayers.get(v.digest)?.size ?? 0;
        continue;
      }
      const step = parseStepName(v.name);
      if (step) {
        steps.push({
          ...step,
          cached: v.cached === true,
          seconds: secondsBetween(v.started, v.completed),
          ...(v.started ? { started: v.started } : {}),
          ...(v.error ? { error: v.error } : {})
        });
      }
      const keyword = stepKeyword(v.name);
      if (keyword === undefined) continue; // [internal] load ..., exporting to image, resolve ...
      if (v.error && !failed && !/context canceled/.test(v.error)) failed = v;
      // A FROM only resolves (or pulls) the base image: neither a cached nor an executed step.
      if (keyword === 'FROM') continue;
      total++;
      if (v.cached) cached++;
      else if (v.started) executed++;
    }
    if (!failed) failed = ordered.find(v => v.error && !IMPORT.test(v.name) && !EXPORT_CACHE.test(v.name) && !/context canceled/.test(v.error));
    let logTail: string;
    if (failed) {
      const lines = (this.logs.get(failed.digest) ?? '').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      logTail = [...lines.slice(-tailLines), `${failed.name}: ${failed.error}`].join('\n');
    } else {
      logTail = this.textTail.trim().split('\n').slice(-tailLines).join('\n');
    }
    cacheTime.importSeconds = Math.round(cacheTime.importSeconds * 100) / 100;
    cacheTime.exportSeconds = Math.round(cacheTime.exportSeconds * 100) / 100;
    return {
      total,
      cached,
      executed,
      ...(failed ? { failedVertex: failed.name } : {}),
      logTail,
      cacheImports,
      ...(cacheExportError ? { cacheExportError } : {}),
      steps,
      cacheTime
    };
  }
}

/** Parses a whole rawjson capture (see `RawJsonProgress` for streaming). */
export function parseRawJsonProgress(text: string): ProgressSummary {
  const p = new RawJsonProgress();
  p.feed(text);
  return p.summary();
}
