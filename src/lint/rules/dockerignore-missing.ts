import type { Rule, RuleReport } from '../rule';
import { copiesWholeContext } from '../instructions';

const GIT_EXCLUDES = new Set(['.git', '.git/', '/.git', '/.git/', '**/.git', '**/.git/', '.git*', '.git/**', '*', '**', '/*', './.git']);

/** Whether .dockerignore lines exclude `.git` (allowing for a later `!.git` re-include). */
export function excludesGit(lines: string[]): boolean {
  let excluded = false;
  for (const raw of lines) {
    const l = raw.trim();
    if (!l || l.startsWith('#')) continue;
    if (l.startsWith('!')) {
      if (GIT_EXCLUDES.has(l.slice(1))) excluded = false;
    } else if (GIT_EXCLUDES.has(l)) excluded = true;
  }
  return excluded;
}

export const rule: Rule = {
  id: 'dockerignore-missing',
  severity: 'warning',
  description: 'The whole context is copied but no .dockerignore exists (or it does not exclude .git).',
  aliases: [],
  help: 'Without a .dockerignore, `COPY . .` sends and ships .git, local builds, secrets and node_modules. Add one that excludes at least `.git`.',
  check(model, ctx) {
    if (!ctx.dockerignore) return [];
    const copy = model.instructions.find(copiesWholeContext);
    if (!copy) return [];
    const out: RuleReport[] = [];
    if (!ctx.dockerignore.exists) {
      out.push({ range: copy.range, message: 'the whole context is copied but there is no .dockerignore: .git and local files end up in the image' });
    } else if (!excludesGit(ctx.dockerignore.lines)) {
      out.push({ range: copy.range, message: 'the whole context is copied and .dockerignore does not exclude .git' });
    }
    return out;
  }
};
