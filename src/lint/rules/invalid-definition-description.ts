import { commentsBefore, directiveLines } from '../buildkit';
import type { Rule, RuleReport } from '../rule';

export const rule: Rule = {
  id: 'invalid-definition-description',
  severity: 'info',
  description: 'A comment right above an ARG or a named stage starts with its name (`# <name> <description>`); experimental in BuildKit.',
  aliases: ['InvalidDefinitionDescription'],
  help:
    'Tools that document build arguments and stages read the comment right above them as `# <name> <description>`. ' +
    'Like BuildKit, this runs only when the Dockerfile enables it: `# check=experimental=InvalidDefinitionDescription`. ' +
    'Separate an unrelated comment from the instruction with an empty `#` line.',
  check(model) {
    const out: RuleReport[] = [];
    const directives = directiveLines(model);
    model.instructions.forEach((i, index) => {
      let keys: string[] = [];
      if (i.keyword === 'ARG') keys = i.argv.map(w => w.split('=', 1)[0]);
      else if (i.keyword === 'FROM') {
        const stage = model.stages.find(s => s.from === i);
        if (stage?.name) keys = [stage.name.toLowerCase()];
      }
      if (keys.length === 0) return;
      const comments = commentsBefore(model, index, directives);
      if (comments.length === 0) return;
      const first = comments[comments.length - 1].split(' ', 1)[0];
      if (keys.includes(first)) return;
      const example = keys.length > 1 ? '<arg_key>' : keys[0];
      out.push({ range: i.range, message: `Comment for ${i.keyword} should follow the format: \`# ${example} <description>\`` });
    });
    return out;
  }
};
