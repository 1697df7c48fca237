import type { DockerfileModel } from '../dockerfile/model';
import { instructionAt } from '../dockerfile/stages';
import type { FileLintResult, Finding, LintReport } from './rule';

export type FindingStatus = 'new' | 'existing';

/** The text of the instruction a finding is on (continuations joined, whitespace collapsed), or of its line when it is on none. */
export function instructionTextAt(model: DockerfileModel, line: number): string {
  const k = instructionAt(model, line);
  // continuations joined, as the builder joins them, so re-wrapping a RUN does not make its findings new
  if (k >= 0) return model.instructions[k].text.split(`${model.directives.escape}\n`).join(' ').replace(/\s+/g, ' ').trim();
  return (model.lines[line - 1] ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * What makes two findings "the same" across commits: the rule, its aliases (a ShellCheck finding is one per SC code)
 * and the instruction's text, not the line: a line inserted above moves every finding without changing any.
 */
export function findingKey(f: Finding, model: DockerfileModel): string {
  return JSON.stringify([f.rule, f.aliases, instructionTextAt(model, f.line)]);
}

export interface StatusResult {
  /** The head's findings, each with `status`. */
  violations: Finding[];
  /** The base's findings with no counterpart in the head. */
  fixed: Finding[];
}

/**
 * Marks each head finding `existing` when the base has a finding of the same key still unmatched, else `new`; the
 * base findings left over are `fixed`. Keys are counted, so two identical findings in the head and one in the base
 * give one existing and one new. A file the base does not have (`base` undefined) has only new findings. Pure.
 */
export function markFindings(head: { model: DockerfileModel; violations: Finding[] }, base?: { model: DockerfileModel; violations: Finding[] }): StatusResult {
  const left = new Map<string, Finding[]>();
  for (const f of base?.violations ?? []) {
    const k = findingKey(f, base!.model);
    const list = left.get(k);
    if (list) list.push(f);
    else left.set(k, [f]);
  }
  const violations = head.violations.map((f): Finding => {
    const list = left.get(findingKey(f, head.model));
    if (list && list.length > 0) {
      list.shift();
      return { ...f, status: 'existing' };
    }
    return { ...f, status: 'new' };
  });
  return { violations, fixed: [...left.values()].flat() };
}

/** Adds `status` to every finding, `fixed` to every file and `new`/`existing`/`fixed` to the summary. Pure. */
export function applyBase(
  report: LintReport,
  heads: ReadonlyMap<string, DockerfileModel>,
  bases: ReadonlyMap<string, { model: DockerfileModel; result: FileLintResult } | undefined>
): LintReport {
  let fresh = 0;
  let existing = 0;
  let fixed = 0;
  const files = report.files.map(file => {
    const model = heads.get(file.path);
    if (!model) return file;
    const base = bases.get(file.path);
    const r = markFindings({ model, violations: file.violations }, base && { model: base.model, violations: base.result.violations });
    for (const v of r.violations) if (v.status === 'new') fresh++;
    else existing++;
    fixed += r.fixed.length;
    return { ...file, violations: r.violations, fixed: r.fixed.length };
  });
  return { ...report, files, summary: { ...report.summary, new: fresh, existing, fixed } };
}

/** The files with their new findings only: what the gates see with `only-new-findings`. Pure. */
export function onlyNewFindings(files: FileLintResult[]): FileLintResult[] {
  return files.map(f => ({ ...f, violations: f.violations.filter(v => v.status !== 'existing') }));
}
