import type { BuildResult } from '../buildx/types';
import { SEVERITIES, severityRank, type Finding, type LintReport, type Severity } from '../lint/rule';
import { ruleDocUrl } from '../lint/ruleDocs';
import { ruleById } from '../lint/rules';
import { sizeSubject } from '../size/subject';
import type { ImageSize } from '../size/types';
import { formatBytes } from '../size/units';
import { codeBlock, codeSpan, commentMarker, encodePath, escapeHtmlText, escapeInline, mermaidLabel, shellQuote } from './escape';
import type { GateFailure } from '../policy/types';
import { baseImageFindingsSection, cacheMissCell, cacheSummary, cacheTimeCell, configChangeLine, details, packagesSection, waiverLine, type ReportSection } from './explain';
import type { Report, ReportContext } from './types';
import { baselineLine } from '../baseline/info';
import { driftLine } from '../baseline/drift';

/**
 * The pull-request comment, the job summary and `stageguard lint --format markdown`: pure renderers of a Report.
 * Everything from the PR goes through ./escape.ts here and nowhere else.
 */

/** GitHub rejects issue comments longer than 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65536;
/** `core.summary` refuses a job summary over 1 MiB; keep a margin for the runner's own framing. */
export const SUMMARY_LIMIT_BYTES = 1_000_000;

export interface RenderOptions {
  /** `comment-header`: a separate sticky comment per header (several workflows on one PR). */
  header?: string;
  /** Keep the body under this many characters (default 65,536). */
  maxChars?: number;
}

type Section = ReportSection;

const SEVERITY_ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️', style: '🎨' };

/** A value of a fixed list (a gate kind, a severity, a layer change) as is, anything else escaped: reports merged from artifacts are checked, but a renderer never trusts that. */
function enumWord(v: string): string {
  return /^[a-z][a-z-]{0,31}$/.test(String(v)) ? v : escapeInline(String(v), 40);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function gatesFor(size: ImageSize, gates: GateFailure[]): GateFailure[] {
  const subject = sizeSubject(size);
  return gates.filter(g => g.kind !== 'lint' && g.kind !== 'build' && (g.subject === subject || g.subject === size.image));
}

/**
 * One size column: `93.3 MB → 95.1 MB (+1.8 MB, +1.9%)`, `12.0 MB (new target)`, `48.2 MB (no baseline)`, or the
 * size alone when nothing was compared.
 */
export function sizeChangeCell(base: number | null, pr: number, status: ImageSize['baseStatus'], approx = ''): string {
  if (base === null) {
    const why = status === 'new' ? ' (🆕 new target)' : status === 'no-baseline' ? ' (no baseline)' : '';
    return `${approx}${formatBytes(pr)}${why}`;
  }
  if (status === 'deleted') return `${approx}${formatBytes(base)} → removed`;
  const delta = pr - base;
  if (delta === 0) return `${approx}${formatBytes(pr)} (➖ same)`;
  const p = base ? `, ${delta > 0 ? '+' : ''}${((delta / base) * 100).toFixed(1)}%` : '';
  const arrow = delta > 0 ? '🔺' : '🔻';
  return `${approx}${formatBytes(base)} → ${formatBytes(pr)} (${arrow} ${delta > 0 ? '+' : ''}${formatBytes(delta)}${p})`;
}

/** Link to the exact line at the PR's head sha, or null when the context does not allow one. */
export function lineUrl(ctx: ReportContext, file: string, line: number, endLine?: number): string | null {
  const server = ctx.serverUrl ?? 'https://github.com';
  if (!ctx.repository || !/^[\w.-]+\/[\w.-]+$/.test(ctx.repository)) return null;
  if (!ctx.headSha || !/^[0-9a-f]{7,64}$/i.test(ctx.headSha)) return null;
  if (!/^https?:\/\/[^\s()<>]+$/.test(server)) return null;
  const anchor = endLine && endLine > line ? `#L${line}-L${endLine}` : `#L${line}`;
  return `${server.replace(/\/+$/, '')}/${ctx.repository}/blob/${ctx.headSha}/${encodePath(file)}${anchor}`;
}

// ---------------------------------------------------------------------------------------------------- sections

function verdictLine(report: Report): string {
  const lint = report.lint.summary;
  const facts: string[] = [];
  facts.push(`${plural(lint.files, 'Dockerfile')} linted`);
  if (lint.violations > 0) {
    const parts = SEVERITIES
      .filter(s => lint.bySeverity[s] > 0)
      .map(s => `${lint.bySeverity[s]} ${s}${lint.bySeverity[s] !== 1 && (s === 'error' || s === 'warning') ? 's' : ''}`);
    facts.push(parts.join(', '));
    if (lint.new !== undefined) facts.push(`${lint.new} new, ${lint.existing ?? 0} existing, ${lint.fixed ?? 0} fixed`);
  } else if (lint.files > 0) {
    facts.push('no violations');
  }
  if (report.builds.length > 0) {
    const ok = report.builds.filter(b => b.ok).length;
    facts.push(`${ok}/${report.builds.length} targets built`);
  }
  const compared = report.sizes.filter(s => s.delta !== null && s.final !== false);
  if (compared.length > 0) {
    const total = compared.reduce((n, s) => n + (s.delta?.compressed ?? 0), 0);
    const what = compared.length === 1 ? 'shipped image' : `${compared.length} shipped images`;
    facts.push(`${what} ${total > 0 ? '+' : ''}${formatBytes(total)} compressed vs base`);
  }
  // Missing shard reports (monorepo mode) go right under the verdict, never into a section that may be cut.
  const missing = report.missingShards ?? [];
  const missingBlock = missing.length
    ? `\n\n> [!CAUTION]\n> **${plural(missing.length, 'shard report')} missing or corrupt: this report is incomplete.**\n${missing
        .slice(0, 20)
        .map(m => `> - ❗ ${escapeInline(m, 300)}`)
        .join('\n')}${missing.length > 20 ? `\n> - …and ${missing.length - 20} more` : ''}`
    : '';
  const waiver = waiverLine(report);
  if (waiver) facts.push(`size budgets waived (label ${codeSpan(report.policy!.sizeWaiver!.label, 60)})`);
  const configChange = configChangeLine(report);
  const blocks = [missingBlock.trim(), waiver, configChange].filter(Boolean);
  const missingWithWaiver = blocks.length ? `\n\n${blocks.join('\n\n')}` : '';
  if (report.verdict.failed) {
    // the headline says the one thing that decided it; the other reasons follow as a list
    const [first, ...others] = report.verdict.reasons.map(r => escapeInline(r, 300));
    const more = others.length ? `\n\nAlso failing:\n${others.map(r => `- ${r}`).join('\n')}` : '';
    return `### ❌ stageguard: failed${first ? ` — ${first}` : ''}${others.length ? ` (and ${others.length} more)` : ''}\n\n${facts.join(' · ')}${more}${missingWithWaiver}`;
  }
  const partial = report.skipped.length > 0 ? ' (partial: see notes)' : '';
  return `### ✅ stageguard: passed${partial}\n\n${facts.join(' · ')}${missingWithWaiver}`;
}

function sizeTable(report: Report): Section | null {
  if (report.sizes.length === 0) return null;
  const rows = report.sizes.map(s => {
    const warn = gatesFor(s, report.gates).length > 0 ? ' ⚠️' : '';
    const image = s.dockerfile === null ? codeSpan(s.image) : `${codeSpan(s.dockerfile)}${s.target ? ` ${codeSpan(s.target)}` : ''}`;
    // the base was measured on the same engine, so its compressed size is estimated alike
    const approx = s.compressedEstimated ? '≈ ' : '';
    return [
      image,
      sizeChangeCell(s.base?.compressed ?? null, s.compressed, s.baseStatus, approx) + warn,
      sizeChangeCell(s.base?.uncompressed ?? null, s.uncompressed, s.baseStatus, '') + warn
    ];
  });
  const head = '| Image | Compressed | Uncompressed |\n|---|--:|--:|';
  const gateLines = report.gates
    .filter(g => g.kind !== 'lint' && g.kind !== 'build')
    .map(g => `- ⚠️ **${enumWord(g.kind)}** ${codeSpan(g.subject)}: ${escapeInline(g.message, 300)}`);
  const driftLines = report.sizes
    .filter(s => s.baseDrift && s.delta)
    .map(s => `- ${s.dockerfile === null ? codeSpan(s.image) : codeSpan(s.dockerfile)} (${s.target ? codeSpan(s.target) : '—'}): ${escapeInline(driftLine(s.delta!.compressed, s.baseDrift!, formatBytes), 400)}`);
  gateLines.unshift(...driftLines);
  const estimateNote = report.sizes.some(s => s.compressedEstimated)
    ? '\n\n≈ The image store keeps these layers uncompressed, so their compressed size is what gzip (level 6, as `docker push` compresses) makes of them.'
    : '';
  const basis = report.baseline ? `${escapeInline(baselineLine(report.baseline), 400)}\n\n` : '';
  const full = `#### Image sizes\n\n${basis}${head}\n${rows.map(r => `| ${r.join(' | ')} |`).join('\n')}${estimateNote}${
    gateLines.length ? `\n\n${gateLines.join('\n')}` : ''
  }`;
  return { title: 'image sizes', priority: 80, full };
}

function sizeChart(report: Report): Section | null {
  const sizes = report.sizes.slice(0, 20);
  if (sizes.length === 0) return null;
  const mb = (n: number): number => Math.round((n / 1e6) * 100) / 100;
  const labels = sizes.map(s => `"${mermaidLabel(s.target ? `${s.dockerfile ?? s.image}:${s.target}` : (s.dockerfile ?? s.image))}"`);
  const base = sizes.map(s => mb(s.base?.uncompressed ?? 0));
  const pr = sizes.map(s => mb(s.uncompressed));
  const max = Math.max(1, ...base, ...pr);
  const chart = [
    '```mermaid',
    'xychart-beta',
    '    title "Uncompressed size in MB: base (first bar), PR (second bar)"',
    `    x-axis [${labels.join(', ')}]`,
    `    y-axis "MB" 0 --> ${Math.ceil(max * 1.1)}`,
    `    bar [${base.join(', ')}]`,
    `    bar [${pr.join(', ')}]`,
    '```'
  ].join('\n');
  return { title: 'size chart', priority: 20, full: details('Size chart', chart) };
}

function layerDiff(report: Report): Section | null {
  const changed = report.sizes.filter(s => (s.layerDiff ?? []).some(e => e.change !== 'same'));
  if (changed.length === 0) return null;
  const icon = { grew: '🔺', shrank: '🔻', added: '➕', removed: '➖', same: '' } as const;
  const parts = changed.map(s => {
    const entries = (s.layerDiff ?? []).filter(e => e.change !== 'same');
    const rows = entries.slice(0, 60).map(e => {
      const d = e.pr !== null && e.base !== null ? `${e.pr - e.base > 0 ? '+' : ''}${formatBytes(e.pr - e.base)}` : '';
      return `| ${icon[e.change] ?? ''} ${enumWord(e.change)} | ${codeSpan(e.instruction, 160)} | ${e.base === null ? '—' : formatBytes(e.base)} | ${
        e.pr === null ? '—' : formatBytes(e.pr)
      } | ${d} |`;
    });
    const more = entries.length > 60 ? `\n\n…and ${entries.length - 60} more changed layers.` : '';
    return details(
      `${escapeHtmlText(sizeSubject(s))}: ${plural(entries.length, 'changed layer')}`,
      `| Change | Layer | Base | PR | Δ |\n|---|---|--:|--:|--:|\n${rows.join('\n')}${more}`
    );
  });
  return { title: 'layer diff', priority: 30, full: `#### Layer diff\n\n${parts.join('\n\n')}` };
}

function breakdown(report: Report): Section | null {
  if (report.sizes.length === 0) return null;
  // three columns, so the table fits a comment's width: the parts of the image in one cell, waste in another
  const rows = report.sizes.map(s => {
    const b = s.breakdown;
    const parts = `base image ${formatBytes(b.base)} · OS packages ${formatBytes(b.osPackages)} · dependencies ${formatBytes(b.dependencies)} · code ${formatBytes(
      b.code
    )} · other ${formatBytes(b.other)}`;
    return `| ${codeSpan(sizeSubject(s))} | ${parts} | ${formatBytes(s.wasted)} (efficiency ${(s.efficiency * 100).toFixed(1)}%) |`;
  });
  const table = '| Image | Where the bytes are | Wasted |\n|---|---|--:|\n' + rows.join('\n');
  const largest = report.sizes
    .filter(s => (s.largest ?? []).length > 0)
    .map(s => {
      const items = (s.largest ?? []).slice(0, 10).map(l => `| ${codeSpan(middleEllipsis(l.path, 72), 200)} | ${enumWord(l.kind)} | ${formatBytes(l.bytes)} |`);
      return details(
        `Largest paths in ${escapeHtmlText(sizeSubject(s))}`,
        `| Path | Kind | Size |\n|---|---|--:|\n${items.join('\n')}`
      );
    });
  const full = details('Where the bytes are (breakdown)', [table, ...largest].join('\n\n'));
  return { title: 'breakdown', priority: 25, full, compact: details('Where the bytes are (breakdown)', table) };
}

/** A long path shortened in its middle (`/usr/lib/…/libLLVM-14.so.1`): a code span cannot wrap, and must fit a cell. */
export function middleEllipsis(text: string, max: number): string {
  if (text.length <= max) return text;
  const tail = Math.ceil((max - 1) * 0.6);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

function savings(report: Report): Section | null {
  const withSavings = report.sizes.filter(s => s.savings && s.savings.savedBytes > 0);
  if (withSavings.length === 0) return null;
  const lines = withSavings.map(s => {
    const sv = s.savings!;
    return `- ${codeSpan(sizeSubject(s))} ships ${formatBytes(s.uncompressed)} instead of the ${codeSpan(
      sv.biggestBuildStage
    )} stage's ${formatBytes(sv.biggestBuildStageBytes)}: multi-stage saves **${formatBytes(sv.savedBytes)} (${sv.percent.toFixed(1)}%)**.`;
  });
  return { title: 'multi-stage savings', priority: 25, full: `#### Multi-stage savings\n\n${lines.join('\n')}` };
}

function scorecard(lint: LintReport): Section | null {
  const files = lint.files.filter(f => f.scorecard.length > 0);
  if (files.length === 0) return null;
  const row = (f: LintReport['files'][number], withDetail: boolean): string => {
    const passed = f.scorecard.filter(c => c.passed).length;
    const total = f.scorecard.length;
    const failed = f.scorecard.filter(c => !c.passed);
    const failedText = failed
      .map(c => (withDetail && c.detail ? `❌ ${codeSpan(c.check)}: ${escapeInline(c.detail, 200)}` : `❌ ${codeSpan(c.check)}`))
      .join('<br>');
    return `| ${codeSpan(f.path)} | ${passed === total ? '✅' : '⚠️'} ${passed}/${total} passed | ${failedText || '—'} |`;
  };
  const head = '| Dockerfile | Multi-stage scorecard | Failed checks |\n|---|---|---|';
  return {
    title: 'scorecard',
    priority: 60,
    full: `#### Scorecard\n\n${head}\n${files.map(f => row(f, true)).join('\n')}`,
    compact: `#### Scorecard\n\n${head}\n${files.map(f => row(f, false)).join('\n')}`
  };
}

/** Lint violations and image findings, per file, most severe first. */
function findingsByFile(report: Pick<Report, 'lint' | 'imageFindings'>): Map<string, Finding[]> {
  const byFile = new Map<string, Finding[]>();
  for (const f of report.lint.files) byFile.set(f.path, [...f.violations]);
  for (const { path: p, finding } of report.imageFindings) {
    if (finding.fromBaseImage !== undefined) continue; // listed apart: see baseImageFindingsSection
    if (!byFile.has(p)) byFile.set(p, []);
    byFile.get(p)!.push(finding);
  }
  for (const list of byFile.values()) {
    list.sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.line - b.line || a.column - b.column);
  }
  return byFile;
}

function findingRow(ctx: ReportContext, file: string, f: Finding): string {
  const url = f.line > 0 ? lineUrl(ctx, file, f.line, f.endLine) : null;
  const line = f.line > 0 ? (url ? `[L${f.line}](${url})` : `L${f.line}`) : '—';
  // a registered rule links to its page (its id is ours, not the PR's) by a reference defined once per report
  // (see ruleLinks), which keeps a long table small; anything else is shown as text
  const id = ruleById(f.rule) ? `[${codeSpan(f.rule)}][]` : codeSpan(f.rule);
  const rule = f.aliases.length ? `${id} (${f.aliases.map(a => escapeInline(a, 20)).join(', ')})` : id;
  return `| ${SEVERITY_ICON[f.severity] ?? ''} ${enumWord(f.severity)} | ${rule} | ${line} | ${escapeInline(f.message, 600)} |`;
}

function violations(report: Pick<Report, 'lint' | 'imageFindings' | 'context'>, limitPerFile?: number): string | null {
  const byFile = findingsByFile(report);
  const files = [...byFile.entries()].filter(([, list]) => list.length > 0);
  const marked = report.lint.summary.new !== undefined;
  if (files.length === 0) return marked && (report.lint.summary.fixed ?? 0) > 0 ? `#### Violations\n\nNo findings; ${plural(report.lint.summary.fixed ?? 0, 'finding')} fixed since the base.` : null;
  const parts = files.map(([file, list]) => {
    const counts = SEVERITIES
      .map(s => [s, list.filter(f => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`)
      .join(', ');
    let shown = list;
    let note = '';
    if (limitPerFile !== undefined) {
      shown = list.filter(f => f.severity === 'error' || f.severity === 'warning').slice(0, limitPerFile);
      if (shown.length < list.length) note = `\n\n…${list.length - shown.length} more (info, style or beyond ${limitPerFile}) in the job summary.`;
    }
    const head = `| Severity | Rule | Line | Message |\n|---|---|---|---|\n`;
    if (!marked) {
      const table = `${head}${shown.map(f => findingRow(report.context, file, f)).join('\n')}${note}`;
      return details(`${escapeHtmlText(file)}: ${counts}`, table, list.some(f => f.severity === 'error'));
    }
    // against a base: the new findings lead, the existing ones are folded
    const fresh = shown.filter(f => f.status !== 'existing');
    const old = shown.filter(f => f.status === 'existing');
    const parts2: string[] = [];
    if (fresh.length > 0) parts2.push(`${head}${fresh.map(f => findingRow(report.context, file, f)).join('\n')}`);
    if (old.length > 0) parts2.push(details(`${plural(old.length, 'existing finding')} (already on the base)`, `${head}${old.map(f => findingRow(report.context, file, f)).join('\n')}`));
    const newCount = list.filter(f => f.status !== 'existing').length;
    return details(`${escapeHtmlText(file)}: ${newCount} new, ${list.length - newCount} existing (${counts})`, `${parts2.join('\n\n')}${note}`, fresh.some(f => f.severity === 'error' || f.severity === 'warning'));
  });
  const s = report.lint.summary;
  const lead = marked ? `**${plural(s.new ?? 0, 'new finding')}**, ${s.existing ?? 0} existing, ${plural(s.fixed ?? 0, 'finding')} fixed since the base.\n\n` : '';
  return `#### Violations\n\n${lead}${parts.join('\n\n')}${ruleLinks(files.flatMap(([, list]) => list))}`;
}

/** Link reference definitions for the registered rules among `findings`: `` [`rule`]: <page> ``, one per rule. */
function ruleLinks(findings: Finding[]): string {
  const ids = [...new Set(findings.map(f => f.rule))].filter(id => ruleById(id)).sort();
  return ids.length ? `\n\n${ids.map(id => `[${codeSpan(id)}]: ${ruleDocUrl(id)}`).join('\n')}` : '';
}

function cacheKind(ref: string, ctx: ReportContext): string {
  const clean = (s?: string): string => (s ?? '').replace(/[^A-Za-z0-9._-]+/g, '-').toLowerCase();
  const tag = ref.split(/[:@]/).pop()?.toLowerCase() ?? '';
  if (ctx.headRef && tag.includes(clean(ctx.headRef))) return 'PR';
  if (ctx.baseRef && tag.includes(clean(ctx.baseRef))) return 'base';
  return 'ref';
}

function cacheStats(report: Report): Section | null {
  if (report.builds.length === 0) return null;
  // five columns, so the table fits a comment: the cache ref by its tag (the whole ref is in the reproduce commands)
  const rows = report.builds.map((b: BuildResult) => {
    const hits = b.cacheFrom.filter(c => c.hit);
    const tag = (ref: string): string => middleEllipsis(ref.slice(ref.lastIndexOf(':') + 1) || ref, 40);
    const source = hits.length
      ? hits.map(c => `✅ ${cacheKind(c.ref, report.context)} ${codeSpan(tag(c.ref), 120)}`).join('<br>')
      : b.cacheFrom.length
        ? '❌ miss (cold build)'
        : 'no cache';
    const build = `${codeSpan(b.dockerfile)} ${codeSpan(b.target)} ${b.ok ? '✅' : '❌ failed'}`;
    return `| ${build} | ${Number(b.steps.cached)}/${Number(b.steps.total)} cached, ${Number(b.seconds).toFixed(1)} s | ${source} | ${cacheMissCell(b)} | ${cacheTimeCell(b)} |`;
  });
  const totals = cacheSummary(report);
  const table = `${totals ? `${totals}\n\n` : ''}| Build | Steps | Cache hit | First miss | Cache time |\n|---|---|---|---|---|\n${rows.join('\n')}`;
  const logTails = (maxLines: number): string[] =>
    report.builds
      .filter(b => !b.ok && b.error)
      .map(b => details(`Build log tail: ${escapeHtmlText(sizeSubject({ ...b, image: '' }))}`, codeBlock(b.error ?? '', 'text', maxLines), true));
  return {
    title: 'cache statistics',
    priority: 40,
    full: `#### Builds and cache\n\n${[table, ...logTails(60)].join('\n\n')}`,
    compact: `#### Builds and cache\n\n${[table, ...logTails(15)].join('\n\n')}`
  };
}

function reproduce(report: Report): Section | null {
  const lintPaths = report.lint.files.map(f => shellQuote(f.path));
  const lines = [...report.buildCommands.map(c => c.replace(/\n/g, ' '))];
  // `--` ends the flags: a PR's file named `--config=...` is a path here, never an option
  if (lintPaths.length) lines.push(`npx stageguard lint -- ${lintPaths.join(' ')}`);
  if (lines.length === 0) return null;
  return { title: 'reproduce commands', priority: 15, full: details('Reproduce locally', codeBlock(lines.join('\n'), 'sh', 400)) };
}

function notes(report: Report): Section | null {
  const items: string[] = [];
  for (const s of report.missingShards ?? []) items.push(`- ❗ missing shard report: ${escapeInline(s, 300)}`);
  for (const s of report.skipped) items.push(`- ⏭️ skipped: ${escapeInline(s, 500)}`);
  for (const w of report.warnings) items.push(`- ⚠️ ${escapeInline(w, 500)}`);
  if (items.length === 0) return null;
  const compactItems = items.slice(0, 15);
  return {
    title: 'notes and warnings',
    priority: 90,
    full: `#### Notes\n\n${items.join('\n')}`,
    compact: `#### Notes\n\n${compactItems.join('\n')}${items.length > 15 ? `\n- …${items.length - 15} more in the job summary.` : ''}`
  };
}

function footer(report: Report): string {
  const sha = report.context.headSha && /^[0-9a-f]{7,64}$/i.test(report.context.headSha) ? ` · head ${report.context.headSha.slice(0, 7)}` : '';
  return `<sub>stageguard ${escapeHtmlText(report.tool.version, 40)}${sha}</sub>`;
}

// ---------------------------------------------------------------------------------------------------- assembly

function allSections(report: Report, mode: 'comment' | 'summary'): Section[] {
  const list: (Section | null)[] = [
    sizeTable(report),
    packagesSection(report),
    sizeChart(report),
    layerDiff(report),
    breakdown(report),
    savings(report),
    scorecard(report.lint),
    (() => {
      const full = violations(report);
      if (!full) return null;
      return { title: 'violations', priority: mode === 'summary' ? 85 : 70, full, compact: violations(report, Math.max(1, Math.floor(100 / Math.max(1, report.lint.files.length)))) ?? undefined };
    })(),
    baseImageFindingsSection(report, report.policy?.imageFindings === 'all'),
    cacheStats(report),
    reproduce(report),
    notes(report)
  ];
  return list.filter((s): s is Section => s !== null);
}

/**
 * Joins head, sections and footer under `limit` (measured by `measure`): the least important sections are first
 * shortened, then dropped, and a note names what was left out and points to the job summary.
 */
function fit(head: string, sections: Section[], tail: string, limit: number, measure: (s: string) => number, pointer: string): string {
  const chosen: (string | null)[] = sections.map(s => s.full);
  const dropped: string[] = [];
  const shortened: string[] = [];
  const assemble = (): string => {
    const omitted = dropped.length + shortened.length > 0;
    const note = omitted
      ? `> [!NOTE]\n> This report was shortened to fit GitHub's limit (${limit.toLocaleString('en-US')} characters)${
          shortened.length ? `; shortened: ${shortened.join(', ')}` : ''
        }${dropped.length ? `; left out: ${dropped.join(', ')}` : ''}. ${pointer}`
      : '';
    return [head, note, ...chosen.filter((c): c is string => c !== null), tail].filter(Boolean).join('\n\n') + '\n';
  };
  let body = assemble();
  const order = sections.map((s, i) => ({ s, i })).sort((a, b) => a.s.priority - b.s.priority);
  // First shorten every section that has a short form (least important first), then drop whole sections, then
  // put back any dropped section (most important first) that fits again in its short form.
  for (const { s, i } of order) {
    if (measure(body) <= limit) break;
    if (s.compact === undefined) continue;
    chosen[i] = s.compact;
    shortened.push(s.title);
    body = assemble();
  }
  for (const { s, i } of order) {
    if (measure(body) <= limit) break;
    chosen[i] = null;
    if (shortened.includes(s.title)) shortened.splice(shortened.indexOf(s.title), 1);
    dropped.push(s.title);
    body = assemble();
  }
  for (const { s, i } of [...order].reverse()) {
    if (chosen[i] !== null || !dropped.includes(s.title)) continue;
    const saved = { dropped: [...dropped], shortened: [...shortened] };
    chosen[i] = s.compact ?? s.full;
    dropped.splice(dropped.indexOf(s.title), 1);
    if (s.compact !== undefined) shortened.push(s.title);
    const next = assemble();
    if (measure(next) <= limit) {
      body = next;
    } else {
      chosen[i] = null;
      dropped.splice(0, dropped.length, ...saved.dropped);
      shortened.splice(0, shortened.length, ...saved.shortened);
    }
  }
  body = assemble();
  if (measure(body) > limit) {
    // Only the verdict and the footer are left and still too long (thousands of reasons): cut at a line end.
    const suffix = `\n\n…cut to fit. ${pointer}\n`;
    let cut = body.slice(0, Math.max(0, limit - suffix.length - 10));
    while (measure(cut) > limit - suffix.length - 10) cut = cut.slice(0, Math.floor(cut.length * 0.9));
    body = cut.slice(0, Math.max(0, cut.lastIndexOf('\n'))) + suffix;
  }
  return body;
}

/** The sticky pull-request comment: hidden marker first (so the comment is found again), then the report. */
export function renderComment(report: Report, opts: RenderOptions = {}): string {
  const max = opts.maxChars ?? GITHUB_COMMENT_LIMIT;
  const head = `${commentMarker(opts.header)}\n${verdictLine(report)}`;
  return fit(
    head,
    allSections(report, 'comment'),
    footer(report),
    max,
    s => s.length,
    'The complete report is in the job summary of this workflow run.'
  );
}

/** The job summary (`core.summary`): the same report, complete, including every violation; under 1 MiB. */
export function renderSummary(report: Report, maxBytes = SUMMARY_LIMIT_BYTES): string {
  return fit(
    verdictLine(report).replace(/^### /, '## '),
    allSections(report, 'summary'),
    footer(report),
    maxBytes,
    s => Buffer.byteLength(s, 'utf8'),
    'The complete report is in the JSON report file (output `report`).'
  );
}

/** `stageguard lint --format markdown`: scorecard and violations. Links need a context (repository, head sha). */
export function renderLintMarkdown(lint: LintReport, context: ReportContext = {}): string {
  const parts = [
    `## stageguard lint: ${plural(lint.summary.files, 'Dockerfile')}, ${plural(lint.summary.violations, 'violation')}`
  ];
  const card = scorecard(lint);
  if (card) parts.push(card.full);
  const v = violations({ lint, imageFindings: [], context });
  parts.push(v ?? 'No violations.');
  return `${parts.join('\n\n')}\n`;
}
