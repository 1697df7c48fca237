import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'no-empty-continuation',
  severity: 'warning',
  description: 'A line continuation is not followed by an empty line.',
  aliases: ['NoEmptyContinuation'],
  help: 'An empty line inside a `\\` continuation is skipped today, and Docker has said it will become an error. Remove the empty line, or end the instruction before it.',
  check(model) {
    const out: RuleReport[] = [];
    for (const i of model.instructions) {
      if (i.range.endLine === i.range.line) continue;
      const bodyStart = i.heredocs.length > 0 ? Math.min(...i.heredocs.map(h => h.range.line)) : i.range.endLine;
      let empty = false;
      for (let l = i.range.line + 1; l <= Math.min(bodyStart, i.range.endLine); l++) {
        if ((model.lines[l - 1] ?? '').trim() === '') empty = true;
      }
      // BuildKit reports on the instruction's last line
      if (empty) out.push({ range: { ...i.range, line: i.range.endLine, column: 1 }, message: 'Empty continuation line' });
    }
    return out;
  }
};
