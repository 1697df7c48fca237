import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { envNames, inheritedNames } from '../instructions';
import { suggestName, variableRefs } from '../vars';

// Instructions whose words the frontend expands (SupportsSingleWordExpansion); RUN, CMD and ENTRYPOINT are left
// to the shell, FROM is `undefined-arg-in-from`.
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'LABEL', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL', 'ARG']);
const EXPANDED_FLAGS = new Set(['chown', 'chmod', 'checksum']);

/** Whether `expandedText` can refer to a variable at all (has a `$`): most instructions do not, and skip the rest. */
function mayExpand(i: Instruction): boolean {
  if (i.keyword === 'ARG') {
    for (const w of i.argv) {
      const eq = w.indexOf('=');
      if (eq >= 0 && w.indexOf('$', eq + 1) >= 0) return true;
    }
    return false;
  }
  if (i.args.includes('$')) return true;
  for (const f of i.flags) if (f.value !== undefined && EXPANDED_FLAGS.has(f.name) && f.value.includes('$')) return true;
  return false;
}

/** The text of an instruction that the frontend expands: arguments (an ARG's defaults only) and some flags. */
function expandedText(i: Instruction): string {
  const flags = i.flags.filter(f => EXPANDED_FLAGS.has(f.name) && f.value !== undefined).map(f => f.value!);
  if (i.keyword === 'ARG') return i.argv.filter(w => w.includes('=')).map(w => w.slice(w.indexOf('=') + 1)).join(' ');
  // heredoc bodies are not in `args`; the first line is
  return [i.args.split('\n', 1)[0], ...flags].join(' ');
}

export const rule: Rule = {
  id: 'undefined-var',
  severity: 'warning',
  description: 'Variables that COPY, ADD, ENV, LABEL, WORKDIR, USER, VOLUME and STOPSIGNAL use are declared before their use.',
  aliases: ['UndefinedVar'],
  help:
    'A `$NAME` that no ARG or ENV of the stage (or a stage it is built FROM) declares expands to nothing: `COPY $SRC .` then copies the whole context. ' +
    'Global ARGs must be declared again inside the stage. Unlike BuildKit, stageguard does not read the base image, so a variable only the base image sets ' +
    '(other than PATH) is reported too: declare it with ARG or ENV, or ignore the rule for that line.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const known = inheritedNames(model, stage);
      known.add('PATH');
      for (const i of stage.instructions) {
        if (EXPANDED.has(i.keyword) && mayExpand(i)) {
          const seen = new Set<string>();
          for (const ref of variableRefs(expandedText(i), model.directives.escape)) {
            if (known.has(ref.name) || seen.has(ref.name)) continue;
            seen.add(ref.name);
            const hint = suggestName(ref.name, known);
            out.push({ range: i.range, stage: stage.index, message: `Usage of undefined variable '$${ref.name}'${hint ? ` (did you mean $${hint}?)` : ''}` });
          }
        }
        for (const n of envNames(i)) known.add(n);
      }
    }
    return out;
  }
};
