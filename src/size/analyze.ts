import { dirname, resolve } from 'node:path';
import type { DockerfileModel, Instruction, Stage } from '../dockerfile/model';
import { loadDockerfile } from '../dockerfile/read';
import { finalStageOf, stageByTarget, stageChain } from '../dockerfile/stages';
import { execStream } from '../exec';
import type { Finding, Severity } from '../lint/rule';
import { defaultLayerCache, readImageArchive, type ImageArchive, type ImageConfig, type LayerAnalysis, type LayerCache, type LayerEntry } from './archive';
import { readImageFromRegistry } from './registryImage';
import { diffPackages, installedPackages } from './packages/inventory';
import type { ImageSize, LayerSize, SizeBreakdown } from './types';
import { formatBytes } from './units';

/** Default for `image-wasted-space`: 10 MB of files overwritten or deleted by later layers. */
export const DEFAULT_WASTED_THRESHOLD = 10_000_000;

export interface MeasureOptions {
  dockerfile?: string;
  target?: string;
  model?: DockerfileModel;
  wastedThreshold?: number;
  cache?: LayerCache;
  /**
   * Read the image from its registry (`host/repo:tag`) instead of `docker save`: only the manifest, the config and the
   * layers not analysed yet are fetched.
   */
  registryRef?: string;
  platform?: string;
}

// ───────────────────────────── history → instructions ─────────────────────────────

/** Pure: BuildKit/legacy `created_by` → the instruction as written (`RUN pip install x`, `COPY . /app`). */
export function cleanCreatedBy(createdBy: string | undefined): string {
  let s = (createdBy ?? '').trim();
  if (!s) return '(no history)';
  s = s.replace(/\s+# buildkit$/, '');
  // Legacy builder: `/bin/sh -c #(nop)  COPY file:… in /app` or `/bin/sh -c apt-get …` (a RUN).
  const legacy = /^\/bin\/sh -c (#\(nop\)\s*)?([\s\S]*)$/.exec(s);
  if (legacy) return legacy[1] ? legacy[2].trim() : `RUN ${legacy[2].trim()}`;
  const run = /^RUN\s+([\s\S]*)$/.exec(s);
  if (run) {
    let rest = run[1];
    // Build args used by the RUN are prefixed as `|2 A=1 B=2 `.
    const args = /^\|(\d+)\s+/.exec(rest);
    if (args) {
      rest = rest.slice(args[0].length);
      for (let n = Number(args[1]); n > 0; n--) rest = rest.replace(/^\S+=\S*\s*/, '');
    }
    rest = rest.replace(/^\/bin\/sh -c\s+/, '');
    return `RUN ${rest}`.trim();
  }
  return s;
}

function keywordOf(instruction: string): string {
  const m = /^([A-Za-z]+)/.exec(instruction);
  return m ? m[1].toUpperCase() : '';
}

export interface HistoryStep {
  instruction: string;
  createdBy: string;
  empty: boolean;
  comment?: string;
  created?: string;
}

/** Pure: the config's history, cleaned. */
export function historySteps(config: ImageConfig): HistoryStep[] {
  return (config.history ?? []).map(h => ({
    instruction: cleanCreatedBy(h.created_by),
    createdBy: h.created_by ?? '',
    empty: h.empty_layer === true,
    ...(h.comment !== undefined ? { comment: h.comment } : {}),
    ...(h.created !== undefined ? { created: h.created } : {})
  }));
}

/** Pure: the target stage (by name, or index, default the last) and its FROM chain, root first. */
export function targetChain(model: DockerfileModel, target?: string): Stage[] {
  const stage = (target ? stageByTarget(model, target) : undefined) ?? finalStageOf(model);
  return stage ? stageChain(model, stage).reverse() : [];
}

/** Instructions that never write a history entry in BuildKit. */
const NO_HISTORY = new Set(['ARG', 'ONBUILD', 'MAINTAINER']);

export interface HistoryMapping {
  /** Index into history of the first entry made by the Dockerfile's own instructions; entries before are the base. */
  firstOwn: number;
  /** Dockerfile line per history index (null for the base's entries or unmatched ones). */
  lines: (number | null)[];
  /** How the base was told apart, for the report. */
  method: 'dockerfile' | 'heuristic';
}

/**
 * Pure: matches history entries to the Dockerfile's instructions, walking both backwards from the end. The base
 * image's entries are the history before the target stage chain's own instructions: a history entry whose keyword no
 * longer matches the remaining instructions (in order) starts the base. BuildKit writes one entry per instruction
 * except ARG (empty ones marked `empty_layer`), so keyword and position are enough; `COPY --from` loses its flag in
 * `created_by`, which is why text is not required to be equal.
 */
export function mapHistory(steps: HistoryStep[], model?: DockerfileModel, target?: string): HistoryMapping {
  const lines: (number | null)[] = steps.map(() => null);
  if (!model || model.stages.length === 0) return { firstOwn: heuristicFirstOwn(steps), lines, method: 'heuristic' };
  const own: Instruction[] = targetChain(model, target).flatMap(s => s.instructions);
  let j = own.length - 1;
  let i = steps.length - 1;
  for (; i >= 0; i--) {
    const kw = keywordOf(steps[i].instruction);
    let k = j;
    while (k >= 0 && own[k].keyword !== kw && NO_HISTORY.has(own[k].keyword)) k--;
    if (k < 0 || own[k].keyword !== kw) break;
    lines[i] = own[k].range.line;
    j = k - 1;
  }
  return { firstOwn: i + 1, lines, method: 'dockerfile' };
}

/**
 * Without a Dockerfile the base is a best effort: the trailing run of BuildKit Dockerfile entries is the image's own,
 * stopped by an entry from another builder (e.g. `Imported from -`) or a gap of more than 7 days between entries.
 */
export function heuristicFirstOwn(steps: HistoryStep[]): number {
  const WEEK = 7 * 24 * 3600 * 1000;
  let i = steps.length - 1;
  for (; i >= 0; i--) {
    if (steps[i].comment !== 'buildkit.dockerfile.v0') break;
    if (i > 0 && steps[i - 1].created && steps[i].created) {
      const gap = Date.parse(steps[i].created!) - Date.parse(steps[i - 1].created!);
      if (gap > WEEK) {
        i--;
        break;
      }
    }
  }
  // The loop stops one before the first own entry (or at -1 when everything is own).
  return i + 1;
}

export type BreakdownKey = Exclude<keyof SizeBreakdown, 'base'>;

/** Pure: which part of the breakdown a layer's instruction belongs to. */
export function classifyInstruction(instruction: string): BreakdownKey {
  const s = instruction.toLowerCase();
  const kw = keywordOf(instruction);
  if (kw === 'RUN') {
    if (/\b(apt-get|apt|aptitude)\s+(-\S+\s+)*(install|upgrade|dist-upgrade)\b|\bapk\s+(-\S+\s+)*(add|upgrade)\b|\b(yum|dnf|microdnf|zypper|tdnf)\s+(-\S+\s+)*(install|update|upgrade)\b|\bpacman\s+-S|\bdpkg\s+-i\b|\brpm\s+-[iU]/.test(s)) {
      return 'osPackages';
    }
    if (/\b(pip3?|pipenv|poetry|uv|conda|mamba|npm|yarn|pnpm|bun|gem|bundle|composer|cargo|mvn|gradle|dotnet|go)\b\s+(\S+\s+)*?(install|ci|sync|add|fetch|restore|download|get|build|dependency:|mod)\b/.test(s)) {
      return 'dependencies';
    }
    return 'other';
  }
  if (kw === 'COPY' || kw === 'ADD') {
    if (/(^|[\s/])(node_modules|vendor|site-packages|\.venv|venv)(\/|\s|$)/.test(s)) return 'dependencies';
    return 'code';
  }
  return 'other';
}

// ───────────────────────────── files: the layered filesystem ─────────────────────────────

interface FsNode {
  size: number;
  type: LayerEntry['type'];
  layer: number;
  children?: Map<string, FsNode>;
}

export interface FileStats {
  /** Bytes of file versions that a later layer overwrote or deleted (whiteouts and opaque dirs included). */
  wasted: number;
  /** Wasted bytes by the layer that overwrote or deleted them. */
  wastedByLayer: number[];
  /** Wasted bytes by the layer that had written them (the base image's layers, or the Dockerfile's own). */
  wastedByOrigin: number[];
  /** dive's score: Σ per-path minimum size / Σ per-path cumulative size across layers (1 when nothing). */
  efficiency: number;
  largestFiles: { path: string; bytes: number; layer: number }[];
  largestDirs: { path: string; bytes: number }[];
  /** Every non-directory path of the final filesystem, with the layer that last wrote it. */
  final: { path: string; size: number; type: LayerEntry['type']; layer: number }[];
}

/**
 * Pure: stacks the layers' file lists (OCI whiteout semantics: `.wh.name` deletes `name`, `.wh..wh..opq` empties its
 * directory of everything from lower layers) and measures waste and efficiency.
 *
 * Efficiency follows wagoodman/dive `filetree.Efficiency` (dive/filetree/efficiency.go): for every path seen as a leaf
 * in any layer, sum its sizes across layers (cumulative) and take the smallest (minimum); a whiteout counts 0 for a
 * file and the size of the removed subtree for a directory; score = Σ minimum / Σ cumulative, 1 when both are 0.
 * `wasted` is not dive's "wasted bytes" (which also counts the surviving copy): it is exactly the bytes of versions
 * the final filesystem can no longer see.
 */
export function stackLayers(layers: LayerEntry[][]): FileStats {
  const root: FsNode = { size: 0, type: 'dir', layer: -1, children: new Map() };
  const eff = new Map<string, { cum: number; min: number }>();
  const wastedByLayer = layers.map(() => 0);
  const wastedByOrigin = layers.map(() => 0);
  let wasted = 0;

  const record = (path: string, size: number): void => {
    const e = eff.get(path);
    if (!e) eff.set(path, { cum: size, min: size });
    else {
      e.cum += size;
      if (size < e.min) e.min = size;
    }
  };
  const parentOf = (path: string, layer: number, create: boolean): { dir: FsNode; name: string } | null => {
    const parts = path.split('/');
    let cur = root;
    for (let k = 0; k < parts.length - 1; k++) {
      let next = cur.children!.get(parts[k]);
      if (!next || !next.children) {
        if (!create) return null;
        if (next) {
          // A file replaced by a directory: the file is gone.
          wasteNode(layer, next);
        }
        next = { size: 0, type: 'dir', layer, children: new Map() };
        cur.children!.set(parts[k], next);
      }
      cur = next;
    }
    return { dir: cur, name: parts[parts.length - 1] };
  };
  /** Counts a node (and everything under it) as wasted by `layer`; returns its bytes. */
  function wasteNode(layer: number, n: FsNode): number {
    let sum = n.size;
    if (n.size > 0 && n.layer >= 0) wastedByOrigin[n.layer] += n.size;
    if (n.children) for (const c of n.children.values()) sum += wasteNode(layer, c);
    if (n.size > 0) {
      wasted += n.size;
      wastedByLayer[layer] += n.size;
    }
    return sum;
  }

  layers.forEach((entries, L) => {
    // Whiteouts apply to lower layers only, so they go first.
    for (const e of entries) {
      if (e.type === 'whiteout') {
        const p = parentOf(e.path, L, false);
        const gone = p?.dir.children!.get(p.name);
        if (!p || !gone) continue;
        p.dir.children!.delete(p.name);
        const bytes = wasteNode(L, gone);
        record(e.path, gone.children ? bytes : 0);
      } else if (e.type === 'opaque') {
        const dir = e.path === '' ? root : (() => {
          const p = parentOf(e.path, L, false);
          return p?.dir.children!.get(p.name);
        })();
        if (!dir?.children || dir.children.size === 0) continue;
        let bytes = 0;
        for (const c of dir.children.values()) bytes += wasteNode(L, c);
        dir.children.clear();
        record(e.path, bytes);
      }
    }
    for (const e of entries) {
      if (e.type === 'whiteout' || e.type === 'opaque') continue;
      const p = parentOf(e.path, L, true)!;
      const old = p.dir.children!.get(p.name);
      if (e.type === 'dir') {
        if (old?.children) continue;
        if (old) wasteNode(L, old);
        p.dir.children!.set(p.name, { size: 0, type: 'dir', layer: L, children: new Map() });
        continue;
      }
      if (old) wasteNode(L, old);
      p.dir.children!.set(p.name, { size: e.size, type: e.type, layer: L });
      record(e.path, e.size);
    }
  });

  let minSum = 0;
  let cumSum = 0;
  for (const v of eff.values()) {
    minSum += v.min;
    cumSum += v.cum;
  }

  const final: FileStats['final'] = [];
  const dirs: { path: string; bytes: number }[] = [];
  const walk = (n: FsNode, path: string): number => {
    let sum = 0;
    for (const [name, c] of n.children!) {
      const p = path ? `${path}/${name}` : name;
      if (c.children) sum += walk(c, p);
      else {
        final.push({ path: p, size: c.size, type: c.type, layer: c.layer });
        sum += c.size;
      }
    }
    if (path) dirs.push({ path, bytes: sum });
    return sum;
  };
  walk(root, '');
  const byBytes = <T extends { bytes: number; path: string }>(a: T, b: T): number => b.bytes - a.bytes || (a.path < b.path ? -1 : 1);
  return {
    wasted,
    wastedByLayer,
    wastedByOrigin,
    efficiency: cumSum === 0 ? 1 : minSum / cumSum,
    largestFiles: final
      .filter(f => f.size > 0)
      .map(f => ({ path: f.path, bytes: f.size, layer: f.layer }))
      .sort(byBytes)
      .slice(0, 10),
    largestDirs: dirs.filter(d => d.bytes > 0).sort(byBytes).slice(0, 10),
    final
  };
}

// ───────────────────────────── findings ─────────────────────────────

const BUILD_TOOLS = ['gcc', 'cc', 'g++', 'c++', 'make', 'cmake', 'go', 'rustc'];
const BUILD_TOOL_RE = /(^|\/)bin\/(gcc|cc|g\+\+|c\+\+|make|cmake|go|rustc)(-\d+(\.\d+)*)?$/;
const CACHES: { name: string; re: RegExp }[] = [
  { name: '/root/.cache/pip', re: /^root\/\.cache\/pip\// },
  { name: '/var/lib/apt/lists', re: /^var\/lib\/apt\/lists\/(?!lock$|partial(\/|$)|auxfiles(\/|$))/ },
  { name: '/var/cache/apk', re: /^var\/cache\/apk\/./ },
  { name: '~/.npm', re: /^(root|home\/[^/]+)\/\.npm\// }
];
const PUBLIC_CERT_DIRS = /^(etc\/ssl|etc\/pki|usr\/share\/ca-certificates|usr\/local\/share\/ca-certificates|usr\/lib\/ssl|etc\/ca-certificates)\//;

/** Pure: whether a path looks like a secret (`.env`, private SSH keys, `*.pem` outside the public CA stores). */
export function secretKind(path: string): string | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === '.env' || (/^\.env\.[\w.-]+$/.test(base) && !/\.(example|sample|template|dist|defaults?)$/.test(base))) return 'environment file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(base)) return 'private SSH key';
  if (/\.pem$/i.test(base) && !PUBLIC_CERT_DIRS.test(path) && !/(cacert|ca-bundle|ca-certificates|certifi)/i.test(path)) return 'PEM file';
  return null;
}

interface FindingSite {
  line: number;
  stage: number | null;
  endColumn: number;
  /** Set when the layer is one of the base image's: the finding is then the base image's, on no line of the user's. */
  baseImage?: string;
}

function finding(rule: string, severity: Severity, site: FindingSite, message: string): Finding {
  if (site.baseImage !== undefined) {
    const from = `From the base image \`${site.baseImage.replace(/`/g, "'")}\`: `;
    return { rule, aliases: [], severity, line: 0, column: 0, endLine: 0, endColumn: 0, stage: site.stage, message: from + message, fromBaseImage: site.baseImage };
  }
  return { rule, aliases: [], severity, line: site.line, column: 1, endLine: site.line, endColumn: site.endColumn, stage: site.stage, message };
}

/** Pure: the image-* findings of a stacked image. `siteOf(layer)` says which Dockerfile line made a layer. */
export function imageFindings(
  layers: LayerEntry[][],
  stats: FileStats,
  siteOf: (layer: number) => FindingSite,
  wastedThreshold: number
): Finding[] {
  const out: Finding[] = [];
  // Build tools and headers, in the final filesystem.
  const tools = new Map<string, { path: string; layer: number }>();
  let headers = 0;
  let headerBytes = 0;
  let headerLayer = -1;
  const caches = new Map<string, { bytes: number; files: number; byLayer: Map<number, number> }>();
  const vcs = new Map<string, number>();
  for (const f of stats.final) {
    const tool = BUILD_TOOL_RE.exec(f.path);
    if (tool && BUILD_TOOLS.includes(tool[2]) && !tools.has(tool[2])) tools.set(tool[2], { path: f.path, layer: f.layer });
    if (f.path.startsWith('usr/include/') && f.type === 'file') {
      headers++;
      headerBytes += f.size;
      if (headerLayer < 0) headerLayer = f.layer;
    }
    for (const c of CACHES) {
      if (!c.re.test(f.path)) continue;
      // the base image's part of a cache and the Dockerfile's own are two findings: each says whose it is
      const key = siteOf(f.layer).baseImage !== undefined ? `${c.name}\u0000base` : c.name;
      const e = caches.get(key) ?? { bytes: 0, files: 0, byLayer: new Map<number, number>() };
      e.bytes += f.size;
      e.files++;
      e.byLayer.set(f.layer, (e.byLayer.get(f.layer) ?? 0) + f.size);
      caches.set(key, e);
    }
    const git = /^(.*?(^|\/)\.git)(\/|$)/.exec(f.path);
    if (git && !vcs.has(git[1])) vcs.set(git[1], f.layer);
  }
  for (const [tool, where] of tools) {
    out.push(finding('image-build-tools', 'warning', siteOf(where.layer), `The final image contains the build tool \`${tool}\` (/${where.path}); build in an earlier stage and copy only the output.`));
  }
  if (headers > 0) {
    out.push(finding('image-build-tools', 'warning', siteOf(headerLayer), `The final image contains ${headers} C header files under /usr/include (${formatBytes(headerBytes)}); they are only needed to compile.`));
  }
  for (const [key, c] of caches) {
    const name = key.split('\u0000')[0];
    const layer = [...c.byLayer.entries()].sort((a, b) => b[1] - a[1])[0][0];
    out.push(finding('image-package-cache', 'warning', siteOf(layer), `The package-manager cache ${name} was left in the image: ${c.files} files, ${formatBytes(c.bytes)}; clean it in the same RUN or use a cache mount.`));
  }
  for (const [dir, layer] of [...vcs].slice(0, 20)) {
    out.push(finding('image-vcs-folder', 'warning', siteOf(layer), `The image contains the version-control folder /${dir}; add .git to .dockerignore.`));
  }
  // Secrets: in any layer, even when a later layer deleted them (the layer still ships them).
  const finalPaths = new Map(stats.final.map(f => [f.path, f.layer]));
  const seenSecrets = new Set<string>();
  layers.forEach((entries, L) => {
    for (const e of entries) {
      if (e.type !== 'file' && e.type !== 'hardlink') continue;
      const kind = secretKind(e.path);
      if (!kind || seenSecrets.has(e.path) || seenSecrets.size >= 20) continue;
      seenSecrets.add(e.path);
      const kept = finalPaths.get(e.path) === L;
      out.push(finding('image-secret-file', 'error', siteOf(L), kept
        ? `The image contains /${e.path}, which looks like a ${kind}; keep secrets out of images (use build secrets or runtime configuration).`
        : `Layer ${L + 1} contains /${e.path}, which looks like a ${kind}; a later layer deleted it, but anyone pulling the image can still read it.`));
    }
  });
  // waste: the bytes of the Dockerfile's own files, and apart from them those of the base image's files that a later
  // layer deleted or overwrote (they stay in the base's layers whatever the Dockerfile does)
  let baseWasted = 0;
  stats.wastedByOrigin.forEach((b, L) => {
    if (siteOf(L).baseImage !== undefined) baseWasted += b;
  });
  const ownWasted = stats.wasted - baseWasted;
  if (ownWasted > wastedThreshold) {
    let worst = -1;
    stats.wastedByLayer.forEach((b, L) => {
      if (siteOf(L).baseImage === undefined && (worst < 0 || b > stats.wastedByLayer[worst])) worst = L;
    });
    out.push(finding('image-wasted-space', 'warning', siteOf(Math.max(0, worst)), `${formatBytes(ownWasted)} of files are overwritten or deleted by later layers (threshold ${formatBytes(wastedThreshold)}); the most by this instruction (${formatBytes(stats.wastedByLayer[Math.max(0, worst)])}). Delete files in the same RUN that creates them.`));
  }
  const firstBase = stats.wastedByOrigin.findIndex((_, L) => siteOf(L).baseImage !== undefined);
  if (baseWasted > wastedThreshold && firstBase >= 0) {
    out.push(finding('image-wasted-space', 'warning', siteOf(firstBase), `${formatBytes(baseWasted)} of its files are deleted or overwritten by later layers (threshold ${formatBytes(wastedThreshold)}); they still ship in the base image's layers, so deleting them saves nothing: choose a base image without them.`));
  }
  return out;
}

// ───────────────────────────── the whole image ─────────────────────────────

/** Pure: every figure of one image from its archive. */
export function analyzeArchive(
  archive: ImageArchive,
  meta: { image: string; dockerfile?: string | null; target?: string | null; model?: DockerfileModel; wastedThreshold?: number }
): ImageSize {
  const steps = historySteps(archive.config);
  const mapping = mapHistory(steps, meta.model, meta.target ?? undefined);
  const chain = meta.model ? targetChain(meta.model, meta.target ?? undefined) : [];
  const fromLine = chain[0]?.from.range.line ?? null;
  const finalStage = chain[chain.length - 1]?.index ?? null;

  // Layer i ↔ the i-th non-empty history entry (as dive and the image spec do); missing history → unknown.
  const nonEmpty: number[] = [];
  steps.forEach((s, i) => {
    if (!s.empty) nonEmpty.push(i);
  });
  const layerInfo = archive.layers.map((l, i) => {
    const h = nonEmpty[i];
    const step = h !== undefined ? steps[h] : undefined;
    return {
      layer: l,
      instruction: step?.instruction ?? '(missing history)',
      line: h !== undefined ? mapping.lines[h] : null,
      isBase: h !== undefined ? h < mapping.firstOwn : false
    };
  });

  const breakdown: SizeBreakdown = { base: 0, osPackages: 0, dependencies: 0, code: 0, other: 0 };
  const layers: LayerSize[] = [];
  // what a pull transfers: the blob as stored when it is compressed, else its gzip -6 size (see gzipEstimate)
  const pulled = (l: LayerAnalysis): number => l.gzipEstimate ?? l.compressedSize;
  const estimated = archive.layers.some(l => l.gzipEstimate !== undefined);
  const base = layerInfo.filter(l => l.isBase);
  if (base.length > 0) {
    const b = { instruction: 'base image', line: fromLine, compressed: 0, uncompressed: 0 };
    for (const l of base) {
      b.compressed += pulled(l.layer);
      b.uncompressed += l.layer.uncompressedSize;
    }
    breakdown.base = b.uncompressed;
    layers.push(b);
  }
  for (const l of layerInfo) {
    if (l.isBase) continue;
    layers.push({ instruction: l.instruction, line: l.line, compressed: pulled(l.layer), uncompressed: l.layer.uncompressedSize, digest: l.layer.key });
    breakdown[classifyInstruction(l.instruction)] += l.layer.uncompressedSize;
  }

  const entries = archive.layers.map(l => l.entries);
  const stats = stackLayers(entries);
  const endColumn = (line: number): number => 1 + (meta.model?.lines[line - 1]?.length ?? 0);
  const baseImageName = chain[0]?.base.resolved ?? 'the base image';
  const siteOf = (L: number): FindingSite => {
    const info = layerInfo[L];
    if (info?.isBase) return { line: 0, endColumn: 0, stage: finalStage, baseImage: baseImageName };
    const line = info?.line ?? 1;
    return { line, endColumn: meta.model ? endColumn(line) : 1, stage: finalStage };
  };
  const findings = imageFindings(entries, stats, siteOf, meta.wastedThreshold ?? DEFAULT_WASTED_THRESHOLD);
  // packages: what the image holds, and what its own layers added to its base image's (the base's layers are a prefix)
  const databases = archive.layers.map(l => l.databases);
  const installed = installedPackages(stats.final, databases);
  // the base image's own packages (its layers stacked again) only when there are packages to tell apart from them
  const baseLayers = layerInfo.findIndex(l => !l.isBase);
  const baseInstalled = (): ReturnType<typeof installedPackages> =>
    baseLayers > 0 ? installedPackages(stackLayers(entries.slice(0, baseLayers)).final, databases) : [];

  return {
    dockerfile: meta.dockerfile ?? null,
    target: meta.target ?? null,
    image: meta.image,
    compressed: archive.layers.reduce((s, l) => s + pulled(l), 0) + archive.configSize,
    uncompressed: archive.layers.reduce((s, l) => s + l.uncompressedSize, 0),
    ...(estimated ? { compressedEstimated: true } : {}),
    layers,
    breakdown,
    wasted: stats.wasted,
    efficiency: stats.efficiency,
    findings,
    base: null,
    delta: null,
    ...(installed.length > 0 ? { installed, packages: diffPackages(baseInstalled(), installed, 'base-image') } : {}),
    largest: [
      ...stats.largestFiles.map(f => ({ path: `/${f.path}`, bytes: f.bytes, kind: 'file' as const })),
      ...stats.largestDirs.map(d => ({ path: `/${d.path}`, bytes: d.bytes, kind: 'dir' as const }))
    ]
  };
}

/** Pure: the argv of the one command that streams an image out of the engine. */
export function saveArgs(image: string): string[] {
  return ['save', image];
}

/** Longest a `docker save` may take before it is given up (an engine that stops answering must not hang the run). */
const SAVE_TIMEOUT_MS = 30 * 60 * 1000;

/** Streams `docker save IMAGE` through the exec seam and analyses it. Throws an Error a user can act on. */
export async function readImageFromEngine(image: string, cache: LayerCache = defaultLayerCache): Promise<ImageArchive> {
  const { stdout, done } = execStream('docker', saveArgs(image), { timeoutMs: SAVE_TIMEOUT_MS });
  const reading = readImageArchive(stdout, { cache }).catch((e: unknown) => {
    stdout.resume(); // keep docker save from blocking on a full pipe
    throw e;
  });
  const [archive, exit] = await Promise.allSettled([reading, done]);
  const result = exit.status === 'fulfilled' ? exit.value : null;
  if (!result || result.exitCode !== 0) {
    stdout.resume();
    const why = result?.timedOut ? `timed out after ${SAVE_TIMEOUT_MS / 60000} minutes` : (result?.stderr ?? '').trim() || 'no output';
    throw new Error(`docker save ${image} failed${result ? ` (exit ${result.exitCode})` : ''}: ${why}`);
  }
  if (archive.status === 'rejected') throw new Error(`reading the image ${image}: ${(archive.reason as Error).message}`);
  return archive.value;
}

/** Measures one image in the engine: sizes, layers mapped to the Dockerfile, files, findings. */
export async function measureImage(image: string, opts: MeasureOptions = {}): Promise<ImageSize> {
  return (await measureImageLayers(image, opts)).size;
}

/** `measureImage`, with every layer's analysis beside the figures (bottom first): what a stored report keeps. */
export async function measureImageLayers(image: string, opts: MeasureOptions = {}): Promise<{ size: ImageSize; layers: LayerAnalysis[] }> {
  let model = opts.model;
  if (!model && opts.dockerfile) {
    const loaded = loadDockerfile(resolve(opts.dockerfile), opts.dockerfile, dirname(resolve(opts.dockerfile)));
    // named explicitly (the CLI's --dockerfile), so its own folder bounds the read; a Dockerfile that cannot be read leaves the mapping to the heuristic; the sizes do not depend on it
    model = loaded.stages.length > 0 ? loaded : undefined;
  }
  const archive = opts.registryRef
    ? await readImageFromRegistry(opts.registryRef, { cache: opts.cache ?? defaultLayerCache, ...(opts.platform ? { platform: opts.platform } : {}) })
    : await readImageFromEngine(image, opts.cache ?? defaultLayerCache);
  const size = analyzeArchive(archive, {
    image,
    dockerfile: opts.dockerfile ?? model?.path ?? null,
    target: opts.target ?? null,
    ...(model ? { model } : {}),
    ...(opts.wastedThreshold !== undefined ? { wastedThreshold: opts.wastedThreshold } : {})
  });
  return { size, layers: archive.layers };
}
