import { posix } from 'node:path';
import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { commandsOf } from '../instructions';

/**
 * Paths longer or deeper than this are not tracked (no real image path is): it keeps every path operation bounded,
 * so the rule is linear in the Dockerfile. 40,000 `WORKDIR a` lines would otherwise make an 80 KB working directory
 * that every later instruction copies and normalises (quadratic: minutes for half a megabyte).
 */
const MAX_PATH_LENGTH = 4096;
const MAX_PATH_DEPTH = 64;

/**
 * `posix.join(workdir, p)` (or `posix.normalize(p)` for an absolute `p`) without the normalising when there is nothing
 * to normalise: an absolute path with no `//` and no segment starting with `.` is its own normal form.
 */
function joined(p: string, workdir: string | null): string {
  const path = p.startsWith('/') ? p : p === '' ? (workdir as string) : (workdir as string).endsWith('/') ? `${workdir}${p}` : `${workdir}/${p}`;
  return path.startsWith('/') && !path.includes('//') && !path.includes('/.') ? path : p.startsWith('/') ? posix.normalize(p) : posix.join(workdir as string, p);
}

/** `p` against the working directory, normalised; null when it cannot be tracked (no workdir, too long, too deep). */
function abs(p: string, workdir: string | null): string | null {
  if (!p.startsWith('/') && workdir === null) return null;
  if (p.length > MAX_PATH_LENGTH) return null;
  const a = joined(p, workdir).replace(/\/+$/, '') || '/';
  if (a.length > MAX_PATH_LENGTH) return null;
  let depth = 0;
  for (let i = a.indexOf('/'); i >= 0; i = a.indexOf('/', i + 1)) if (++depth > MAX_PATH_DEPTH) return null;
  return a;
}

/** The proper ancestors of an absolute path, `/` excluded: `/a/b/c` → `/a`, `/a/b`. At most MAX_PATH_DEPTH. */
function ancestors(p: string): string[] {
  const out: string[] = [];
  for (let i = p.indexOf('/', 1); i > 0; i = p.indexOf('/', i + 1)) out.push(p.slice(0, i));
  return out;
}

/**
 * Paths that instructions added, found again by overlap (equal, inside, or containing, by whole segments) in time
 * linear in the path: a map of the paths themselves and one of every ancestor of an added path. The first adder wins.
 */
class PathIndex<T> {
  private readonly exact = new Map<string, { seq: number; by: T }>();
  private readonly below = new Map<string, { seq: number; by: T }>();
  private seq = 0;
  add(path: string, by: T): void {
    const entry = { seq: this.seq++, by };
    if (!this.exact.has(path)) this.exact.set(path, entry);
    for (const a of ancestors(path)) if (!this.below.has(a)) this.below.set(a, entry);
  }
  /** The first path added that overlaps `path`: the path itself, one below it, or one of its ancestors. */
  firstOverlap(path: string): T | undefined {
    let best = this.exact.get(path);
    const below = path === '/' ? undefined : this.below.get(path);
    if (below && (!best || below.seq < best.seq)) best = below;
    for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) {
      const c = this.exact.get(path.slice(0, i));
      if (c && (!best || c.seq < best.seq)) best = c;
    }
    return best?.by;
  }
}

/** Paths a RUN creates that we can see cheaply: downloads, clones, copies, redirects, apt lists. */
function createdByRun(inst: Instruction, workdir: string | null): string[] {
  const out: string[] = [];
  for (const c of commandsOf(inst)) {
    const w = c.words;
    // a parsed command's name is the basename of its first word
    const n = c.name;
    if (n === 'wget') {
      const i = w.findIndex(x => x === '-O' || x === '--output-document');
      if (i > 0 && w[i + 1] && w[i + 1] !== '-') out.push(w[i + 1]);
      for (const x of w) if (x.startsWith('--output-document=')) out.push(x.slice(18));
    } else if (n === 'curl') {
      const i = w.findIndex(x => x === '-o' || x === '--output');
      if (i > 0 && w[i + 1] && w[i + 1] !== '-') out.push(w[i + 1]);
    } else if (n === 'git' && w[1] === 'clone') {
      const pos = w.slice(2).filter(x => !x.startsWith('-'));
      if (pos.length >= 2) out.push(pos[1]);
    } else if ((n === 'cp' || n === 'mv') && w.length >= 3 && !w[w.length - 1].startsWith('-')) {
      out.push(w[w.length - 1]);
    } else if ((n === 'apt-get' || n === 'apt') && w.includes('update')) {
      out.push('/var/lib/apt/lists');
    }
  }
  if (out.length === 0) return out;
  return out.filter(p => !p.includes('$') && !p.includes('*')).flatMap(p => abs(p, workdir) ?? []);
}

function addedByCopy(inst: Instruction, workdir: string | null): string[] {
  if (inst.heredocs.length || inst.argv.length < 2) return [];
  const dest = inst.argv[inst.argv.length - 1];
  if (dest.includes('$')) return [];
  const d = abs(dest, workdir);
  if (d === null) return [];
  const srcs = inst.argv.slice(0, -1);
  // `COPY a.tgz /tmp/` lands at /tmp/a.tgz; `COPY a.tgz /tmp/x.tgz` at /tmp/x.tgz
  if (dest.endsWith('/') || srcs.length > 1) {
    return srcs.filter(s => !s.includes('*') && !s.includes('$') && s !== '.' && s !== './').flatMap(s => abs(posix.basename(s), d) ?? []);
  }
  return [d];
}

function deletedBy(inst: Instruction, workdir: string | null): string[] {
  const out: string[] = [];
  for (const c of commandsOf(inst)) {
    if (c.name !== 'rm') continue;
    for (const w of c.args) {
      if (w.startsWith('-') || w.includes('$')) continue;
      const star = w.indexOf('*');
      const p = star >= 0 ? w.slice(0, star) : w;
      const a = p && p !== '/' ? abs(p, workdir) : null;
      if (a !== null && a !== '/') out.push(a);
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'removed-in-later-layer',
  severity: 'warning',
  description: 'A path added in one instruction and deleted by a later RUN in the same stage still takes space.',
  aliases: [],
  help:
    'Every instruction is a layer: deleting a file in a later RUN hides it but the bytes stay in the earlier layer. ' +
    'Download and delete in the same RUN, or bind-mount the file (`RUN --mount=type=bind,from=build,source=...`).',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      // null: a working directory too long or deep to track; relative paths are skipped until an absolute WORKDIR
      let workdir: string | null = '/';
      const added = new PathIndex<Instruction>();
      for (const inst of stage.instructions) {
        if (inst.keyword === 'WORKDIR' && inst.argv[0] && !inst.argv[0].includes('$')) {
          workdir = abs(inst.argv[0], workdir);
          continue;
        }
        if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
          for (const p of addedByCopy(inst, workdir)) added.add(p, inst);
          continue;
        }
        if (inst.keyword !== 'RUN') continue;
        const deleted = deletedBy(inst, workdir);
        for (const d of deleted) {
          // this RUN's own paths are added below, after the lookup: a hit is always an earlier instruction
          const hit = added.firstOverlap(d);
          if (hit) {
            out.push({
              range: inst.range,
              message: `${d} is deleted here but was added by ${hit.keyword} on line ${hit.range.line}: its bytes stay in that layer (delete it in the same RUN, or use RUN --mount)`
            });
            break;
          }
        }
        const created = createdByRun(inst, workdir);
        if (created.length === 0) continue;
        const deletedHere = new PathIndex<true>();
        for (const d of deleted) deletedHere.add(d, true);
        for (const p of created) {
          // created and deleted in the same RUN is the right way: do not track it
          if (!deletedHere.firstOverlap(p)) added.add(p, inst);
        }
      }
    }
    return out;
  }
};
