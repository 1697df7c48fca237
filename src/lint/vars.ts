/** A `$NAME` / `${NAME...}` reference in an instruction's text. */
export interface VariableRef {
  name: string;
  /** 0-based offset of the `$` in the text. */
  offset: number;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * The variables a Dockerfile word list refers to, as the frontend's shell lexer finds them: not inside single
 * quotes, not after the escape character. Linear in the text.
 */
export function variableRefs(text: string, escape = '\\'): VariableRef[] {
  const out: VariableRef[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (single) {
      if (c === "'") single = false;
      continue;
    }
    if (c === escape) {
      i++;
      continue;
    }
    if (c === '"') double = !double;
    else if (c === "'" && !double) single = true;
    else if (c === '$') {
      const braced = text[i + 1] === '{';
      const m = NAME.exec(text.slice(braced ? i + 2 : i + 1, i + 66));
      if (m) out.push({ name: m[0], offset: i });
    }
  }
  return out;
}

/** Levenshtein distance, for "did you mean" hints (short names only). */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The closest known name within a small edit distance (case-insensitive first), as BuildKit's `suggest.Search`. */
export function suggestName(name: string, known: Iterable<string>): string | undefined {
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    if (k.length > 64) continue;
    if (k.toLowerCase() === name.toLowerCase()) return k;
    const d = distance(name, k);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 4)) + 1 ? best : undefined;
}
