import type { Rule, RuleReport } from '../rule';
import { PRAGMA } from '../pragmas';

export const rule: Rule = {
  id: 'inline-ignore-pragma',
  severity: 'style',
  offByDefault: true,
  description: 'No inline ignore pragma (`# hadolint ignore=...`, `# stageguard ignore=...`); off unless enabled.',
  aliases: ['DL1001'],
  help:
    'For teams that keep every exception in the config file, where it is reviewed once: reports each inline ' +
    '`# hadolint ignore=` / `# stageguard ignore=` comment. Off by default, as in hadolint (severity `ignore`); ' +
    'enable it with `severity: { inline-ignore-pragma: warning }` or hadolint\'s `override`. To stop honouring the ' +
    'pragmas altogether, set `disable-ignore-pragma: true`.',
  check(model) {
    const out: RuleReport[] = [];
    for (const c of model.comments) {
      if (!PRAGMA.test(c.text)) continue;
      const col = (model.lines[c.line - 1] ?? '').indexOf('#') + 1;
      out.push({ range: { line: c.line, column: col, endLine: c.line, endColumn: (model.lines[c.line - 1] ?? '').length + 1 }, stage: null, message: 'inline ignore pragma: keep exceptions in the config file instead' });
    }
    return out;
  }
};
