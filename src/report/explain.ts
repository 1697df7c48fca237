import { cacheAdvice } from '../buildx/cacheTime';
import type { BuildResult } from '../buildx/types';
import type { PackageChange, PackageDiff } from '../size/packages/inventory';
import { sizeSubject } from '../size/subject';
import type { ImageSize } from '../size/types';
import { formatBytes } from '../size/units';
import { codeSpan, escapeHtmlText, escapeInline, escapeToken as packageText } from './escape';
import type { Report } from './types';

/**
 * The parts of the report that explain: which packages a PR added, why a build missed the cache, which findings are
 * the base image's. Pure renderers; everything from the PR goes through ./escape.ts.
 */

/** One part of the report, as ./markdown.ts assembles them. `priority`: higher is kept longer when the body must shrink. */
export interface ReportSection {
  title: string;
  priority: number;
  full: string;
  /** A shorter form tried before the section is dropped altogether. */
  compact?: string;
}

/** A folded block; `summary` is markdown already escaped by the caller. */
export function details(summary: string, body: string, open = false): string {
  return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

const ECOSYSTEM: Record<PackageChange['ecosystem'], string> = { deb: 'deb', apk: 'apk', pypi: 'pip', npm: 'npm' };

function signed(bytes: number): string {
  return `${bytes > 0 ? '+' : bytes < 0 ? '−' : '±'}${formatBytes(Math.abs(bytes))}`;
}

/** `+33.1 MB gcc-12 12.2.0-14`, `−1.2 MB libfoo 1.0`, `+120 kB curl 7.88.1 (was 7.74.0)`. */
export function packageChangeText(c: PackageChange): string {
  const was = c.baseVersion !== undefined ? ` (was ${packageText(c.baseVersion, 60)})` : '';
  return `${signed(c.bytes)} ${packageText(c.name)} ${packageText(c.version, 60)}${was}`;
}

/** Pure: one line naming the biggest changes, e.g. `+33 MB gcc-12 12.2.0-14, +9.8 MB cpp-12 12.2.0-14, and 3 more`. */
export function packageSummaryLine(d: PackageDiff, max = 6): string {
  const all = [...d.added, ...d.changed, ...d.removed].sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
  const shown = all.slice(0, max).map(packageChangeText);
  return `${shown.join(', ')}${all.length > max ? `, and ${all.length - max} more` : ''}`;
}

function counts(d: PackageDiff): string {
  const parts: string[] = [];
  if (d.added.length) parts.push(`${d.added.length} added`);
  if (d.changed.length) parts.push(`${d.changed.length} changed`);
  if (d.removed.length) parts.push(`${d.removed.length} removed`);
  return parts.join(', ');
}

function packageTable(d: PackageDiff, limit: number): string {
  const rows = [...d.added.map(c => ['➕', c] as const), ...d.changed.map(c => ['🔁', c] as const), ...d.removed.map(c => ['➖', c] as const)]
    .sort((a, b) => Math.abs(b[1].bytes) - Math.abs(a[1].bytes))
    .slice(0, limit)
    .map(([icon, c]) => `| ${icon} | ${ECOSYSTEM[c.ecosystem]} | ${codeSpan(c.name, 100)} | ${packageText(c.version, 60)} | ${c.baseVersion !== undefined ? packageText(c.baseVersion, 60) : '—'} | ${signed(c.bytes)} |`);
  const total = d.added.length + d.changed.length + d.removed.length;
  const more = total > limit ? `\n\n…and ${total - limit} more.` : '';
  return `| | Kind | Package | Version | Base version | Δ installed |\n|---|---|---|---|---|--:|\n${rows.join('\n')}${more}`;
}

function against(d: PackageDiff): string {
  return d.against === 'base-branch' ? 'against the base branch' : 'on top of its base image';
}

/** The packages section: per shipped image, what the PR (or the Dockerfile, without a baseline) added, biggest first. */
export function packagesSection(report: Pick<Report, 'sizes'>): ReportSection | null {
  const images = report.sizes.filter(s => s.final !== false && s.packages && counts(s.packages) !== '');
  if (images.length === 0) return null;
  const render = (limit: number): string =>
    images
      .map(s => {
        const d = s.packages!;
        const line = `- ${codeSpan(sizeSubject(s))} ${against(d)}: ${packageSummaryLine(d)}`;
        return limit > 0 ? `${line}\n\n${details(`All package changes in ${escapeHtmlText(sizeSubject(s))} (${counts(d)})`, packageTable(d, limit))}` : line;
      })
      .join('\n\n');
  return { title: 'packages', priority: 75, full: `#### Packages\n\n${render(100)}`, compact: `#### Packages\n\n${render(0)}` };
}

/** Pure: the cache-miss cell of a build row: `missed at L7 `COPY src/ .`: src/app.py changed`; `—` when all was cached. */
export function cacheMissCell(b: Pick<BuildResult, 'cacheMiss' | 'ok'>): string {
  const m = b.cacheMiss;
  if (!m) return b.ok ? 'all cached' : '—';
  const at = m.line !== null ? `L${m.line} ` : '';
  return `missed at ${at}${codeSpan(m.instruction, 60)}: ${escapeInline(m.detail, 300)}`;
}

/** The image findings the base image's own layers caused: listed, folded, never on a line of the user's. */
export function baseImageFindingsSection(report: Pick<Report, 'imageFindings'>, gating: boolean): ReportSection | null {
  const list = report.imageFindings.filter(f => f.finding.fromBaseImage !== undefined);
  if (list.length === 0) return null;
  const rows = list.map(({ path, finding: f }) => `| ${codeSpan(path)} | ${codeSpan(f.rule)} | ${escapeInline(f.message, 600)} |`);
  const note = gating ? 'They gate this pull request (`image-findings: all`).' : 'They do not gate this pull request (`image-findings: own`).';
  // a <summary> is HTML: no markdown code spans there
  const images = [...new Set(list.map(f => f.finding.fromBaseImage!))].slice(0, 3).map(i => `<code>${escapeHtmlText(i, 120)}</code>`).join(', ');
  return {
    title: 'base image findings',
    priority: 35,
    full: details(`From the base image ${images}: ${list.length} finding${list.length === 1 ? '' : 's'} (not the Dockerfile's)`, `${note}\n\n| Dockerfile | Rule | Message |\n|---|---|---|\n${rows.join('\n')}`)
  };
}

/** Pure: the waiver note under the verdict: which label waived the size budgets, who added it and when. */
export function waiverLine(report: Pick<Report, 'policy'>): string | null {
  const w = report.policy?.sizeWaiver;
  if (!w) return null;
  // the login is shown, never a mention (every update of the comment would notify them)
  const who = w.by ? ` by ${escapeInline(`@${w.by}`, 60)}` : '';
  const when = w.at && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z?$/.test(w.at) ? ` on ${w.at.slice(0, 10)} ${w.at.slice(11, 16)} UTC` : '';
  const waived = w.waived.length
    ? `: ${w.waived.length === 1 ? 'this size gate is' : `these ${w.waived.length} size gates are`} a note, not a failure:\n${w.waived.map(g => `> - 📝 **${g.kind}** ${codeSpan(g.subject)}: ${escapeInline(g.message, 300)}`).join('\n')}`
    : '; no size gate was exceeded.';
  return `> [!NOTE]\n> **Size budgets waived on purpose** with the label ${codeSpan(w.label, 60)}, added${who}${when}${waived}`;
}

/**
 * Pure: the note under the verdict when the pull request changes a config file: the reader learns that the PR's own
 * ignored rules, severities and budgets shaped the report, and whether the workflow's gates still held.
 */
export function configChangeLine(report: Pick<Report, 'configChanges' | 'policy'>): string | null {
  const files = report.configChanges ?? [];
  if (files.length === 0) return null;
  const gates =
    report.policy?.gates === 'floor'
      ? " The workflow's `fail-on` and size budgets still hold: a config can tighten them, never loosen them."
      : report.policy?.gates === 'trust-config'
        ? " The workflow trusts the config (`trust-config: true`), so its `fail-on` and budgets apply as written."
        : '';
  return `> [!IMPORTANT]\n> **This pull request changes ${files.slice(0, 5).map(f => codeSpan(f, 120)).join(' and ')}**: its ignored rules, severities and budgets shaped this report.${gates}`;
}

/** Pure: the cache-time cell of a build row: `saved ~42 s; import 1.2 s, export 3.4 s (5 layers)`. */
export function cacheTimeCell(b: Pick<BuildResult, 'cacheTime'>): string {
  const t = b.cacheTime;
  if (!t) return '—';
  const saved = t.savedSeconds !== null ? `saved ~${t.savedSeconds} s` : t.cachedSteps > 0 ? `${t.cachedSteps} cached, time saved unknown` : 'nothing cached';
  const cost: string[] = [];
  if (t.importSeconds > 0) cost.push(`import ${t.importSeconds} s`);
  if (t.exportSeconds > 0 || t.exportedLayers > 0) cost.push(`export ${t.exportSeconds} s (${t.exportedLayers} layer${t.exportedLayers === 1 ? '' : 's'})`);
  return cost.length ? `${saved}; ${cost.join(', ')}` : saved;
}

/** Pure: one line for all builds (what the cache saved, what it cost) and the advice where an export does not pay. */
export function cacheSummary(report: Pick<Report, 'builds'>): string | null {
  const timed = report.builds.filter(b => b.cacheTime);
  if (timed.length === 0) return null;
  const sum = (f: (t: NonNullable<BuildResult['cacheTime']>) => number): number => Math.round(timed.reduce((n, b) => n + f(b.cacheTime!), 0) * 10) / 10;
  const saved = timed.some(b => b.cacheTime!.savedSeconds !== null) ? `saved ~${sum(t => t.savedSeconds ?? 0)} s` : `reused ${sum(t => t.cachedSteps)} steps (time saved unknown without a history report)`;
  const line = `The cache ${saved}; importing it took ${sum(t => t.importSeconds)} s and exporting it ${sum(t => t.exportSeconds)} s, across ${timed.length} build${timed.length === 1 ? '' : 's'}.`;
  // the advice is stageguard's own text; only the subject comes from the PR
  const advice = timed.flatMap(b => {
    const a = cacheAdvice(b.cacheTime!);
    return a ? [`- 💡 ${codeSpan(`${b.dockerfile} (${b.target})`)}: ${a}`] : [];
  });
  return [line, ...advice].join('\n');
}
