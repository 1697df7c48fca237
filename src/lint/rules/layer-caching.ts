import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { commandName, type ShellCommand } from '../../shell/parse';
import { commandsOf, copiesWholeContext } from '../instructions';
import { pipInstallArgs } from '../packages';

/** The dependency-install tool a command runs (`pip`, `npm`, `go mod`...), or undefined. */
export function dependencyInstall(cmd: ShellCommand): string | undefined {
  const w = cmd.words;
  const n = commandName(w[0]);
  const pip = pipInstallArgs(cmd);
  if (pip) return pip.some((a, i) => a === '-r' || a.startsWith('--requirement') || a.startsWith('-r') || a === '.' || a === './' || (a === '-e' && pip[i + 1] === '.')) ? 'pip' : undefined;
  if (n === 'poetry' && w[1] === 'install') return 'poetry';
  if (n === 'pipenv' && (w[1] === 'install' || w[1] === 'sync')) return 'pipenv';
  if (n === 'uv' && (w[1] === 'sync' || (w[1] === 'pip' && (w[2] === 'install' || w[2] === 'sync')))) return 'uv';
  if (n === 'npm' && (w[1] === 'ci' || ((w[1] === 'install' || w[1] === 'i') && !w.slice(2).some(a => !a.startsWith('-'))))) return 'npm';
  if (n === 'yarn' && (w.length === 1 || w[1] === 'install' || (w[1]?.startsWith('-') && !w.slice(1).some(a => !a.startsWith('-'))))) return 'yarn';
  if (n === 'pnpm' && (w[1] === 'install' || w[1] === 'i' || w[1] === 'fetch')) return 'pnpm';
  if (n === 'go' && w[1] === 'mod' && w[2] === 'download') return 'go mod';
  if (n === 'bundle' && (w[1] === 'install' || w.length === 1)) return 'bundle';
  if (n === 'composer' && w[1] === 'install') return 'composer';
  if (n === 'cargo' && (w[1] === 'fetch' || w[1] === 'build')) return 'cargo';
  if ((n === 'mvn' || n === 'mvnw') && w.some(a => a.startsWith('dependency:'))) return 'mvn';
  if (n === 'gradle' || n === 'gradlew') return 'gradle';
  return undefined;
}

function installsIn(inst: Instruction): string[] {
  const tools: string[] = [];
  for (const c of commandsOf(inst)) {
    const t = dependencyInstall(c);
    if (t) tools.push(t);
  }
  return tools;
}

export const rule: Rule = {
  id: 'layer-caching',
  severity: 'warning',
  description: 'Dependency manifests are copied and installed before the rest of the source.',
  aliases: [],
  scorecard: true,
  help:
    'Installing dependencies after `COPY . .` re-runs the install on every source change. Copy the manifests first ' +
    '(`COPY requirements.txt .` / `COPY package.json package-lock.json ./`), install, then copy the rest.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const installedBefore = new Set<string>();
      let wholeCopy: Instruction | undefined;
      for (const inst of stage.instructions) {
        if (!wholeCopy && copiesWholeContext(inst)) {
          wholeCopy = inst;
          continue;
        }
        if (inst.keyword !== 'RUN') continue;
        const tools = installsIn(inst);
        if (!wholeCopy) {
          for (const t of tools) installedBefore.add(t);
          continue;
        }
        // manifests were already installed before the full copy: a second install (e.g. `pip install .`) is fine
        const late = tools.find(t => !installedBefore.has(t));
        if (late) {
          out.push({
            range: wholeCopy.range,
            message: `the whole context is copied before the ${late} dependency install on line ${inst.range.line}: copy the manifests and install first, then copy the source`
          });
          break;
        }
      }
    }
    return out;
  }
};
