import type { Finding, Severity } from '../lint/rule';
import { stripControl } from './escape';
import type { Report } from './types';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  file: string;
  startLine: number;
  endLine: number;
  startColumn?: number;
  endColumn?: number;
  title: string;
}

const LEVEL: Record<Severity, Annotation['level']> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };
const RANK: Record<Annotation['level'], number> = { error: 0, warning: 1, notice: 2 };

/** GitHub shows at most this many annotations of each level per step (and 50 per job); more are dropped. */
export const ANNOTATIONS_PER_LEVEL = 10;

/**
 * Pure: the annotations a step can show, most severe first, at most `perLevel` of each level, and how many of all
 * were left out (the runner would drop them silently; the log says where they are instead).
 */
export function capAnnotations(all: readonly Annotation[], perLevel = ANNOTATIONS_PER_LEVEL): { shown: Annotation[]; omitted: number } {
  const count: Record<Annotation['level'], number> = { error: 0, warning: 0, notice: 0 };
  const shown = all.filter(a => ++count[a.level] <= perLevel);
  return { shown, omitted: all.length - shown.length };
}

/**
 * File-and-line annotations for every finding (lint and image), most severe first: GitHub shows only 10 of each
 * level per step, so the errors must come before the warnings and notices. Messages are plain text (annotations
 * are not markdown), with ANSI and control characters removed and newlines flattened (workflow commands are
 * line-based). Columns are only given for one-line findings (GitHub ignores them across lines).
 */
export function annotationsFor(report: Pick<Report, 'lint' | 'imageFindings'>): Annotation[] {
  const all: { path: string; finding: Finding }[] = [
    ...report.lint.files.flatMap(f => f.violations.map(finding => ({ path: f.path, finding }))),
    ...report.imageFindings
  ];
  const out = all.map(({ path, finding: f }) => {
    const startLine = Math.max(1, f.line || 1);
    const endLine = Math.max(startLine, f.endLine || startLine);
    const a: Annotation = {
      level: LEVEL[f.severity],
      message: stripControl(f.message).replace(/\s*\n\s*/g, ' '),
      file: path.replace(/^(\.\/)+/, ''),
      startLine,
      endLine,
      title: `stageguard ${f.rule}${f.aliases.length ? ` (${f.aliases.join(', ')})` : ''}`
    };
    if (startLine === endLine && f.column > 0) {
      a.startColumn = f.column;
      if (f.endColumn > f.column) a.endColumn = f.endColumn;
    }
    return a;
  });
  return out.sort((x, y) => RANK[x.level] - RANK[y.level] || x.file.localeCompare(y.file) || x.startLine - y.startLine);
}
