import type { DockerfileModel } from '../dockerfile/model';
import type { Finding } from './rule';

export const PRAGMA = /^(stageguard|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+)$/;

export interface Suppressions {
  /** Codes ignored in the whole file (`# hadolint global ignore=...`). */
  global: Set<string>;
  /** For each instruction start line, the codes ignored on that instruction, with its line span. */
  byInstruction: { line: number; endLine: number; codes: Set<string> }[];
}

/** Reads `# stageguard ignore=a,b` / `# hadolint ignore=DL3008` pragmas; each applies to the next instruction. */
export function readPragmas(model: DockerfileModel): Suppressions {
  const out: Suppressions = { global: new Set(), byInstruction: [] };
  if (model.comments.length === 0) return out;
  let next = 0;
  for (const c of model.comments) {
    const m = PRAGMA.exec(c.text);
    if (!m) continue;
    const codes = m[3].split(',').map(s => s.trim()).filter(Boolean);
    if (m[2]) {
      for (const code of codes) out.global.add(code);
      continue;
    }
    while (next < model.instructions.length && model.instructions[next].range.line <= c.line) next++;
    const inst = model.instructions[next];
    if (!inst) continue;
    // only comment lines (other pragmas) or blank lines may stand between the pragma and its instruction
    let adjacent = true;
    for (let l = c.line + 1; l < inst.range.line; l++) {
      const t = (model.lines[l - 1] ?? '').trim();
      if (t !== '' && !t.startsWith('#')) adjacent = false;
    }
    if (!adjacent) continue;
    out.byInstruction.push({ line: inst.range.line, endLine: inst.range.endLine, codes: new Set(codes) });
  }
  return out;
}

function matches(codes: Set<string>, f: Finding): boolean {
  return codes.has(f.rule) || f.aliases.some(a => codes.has(a));
}

/** Drops findings suppressed by pragmas. Applied after the rules ran, in one place (the engine). */
export function applyPragmas(findings: Finding[], s: Suppressions): Finding[] {
  if (s.global.size === 0 && s.byInstruction.length === 0) return findings;
  return findings.filter(f => {
    if (matches(s.global, f)) return false;
    for (const p of s.byInstruction) if (f.line >= p.line && f.line <= p.endLine && matches(p.codes, f)) return false;
    return true;
  });
}
