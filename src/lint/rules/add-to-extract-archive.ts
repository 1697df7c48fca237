import type { Rule, RuleReport } from '../rule';
import { argsNoFlags } from '../commandArgs';
import { isRun, runScript } from '../instructions';
import type { ShellCommand } from '../../shell/parse';

const ARCHIVE = /\.(tar|Z|bz2|gz|lz|lzma|tZ|tb2|tbz|tbz2|tgz|tlz|tpz|txz|xz)$/;
const UNPACKERS = new Set(['unzip', 'gunzip', 'bunzip2', 'unlzma', 'unxz', 'zgz', 'uncompress', 'zcat', 'gzcat']);
const base = (p: string): string => p.replace(/^(["'])(.*)\1$/, '$2').replace(/.*[/\\]/, '');

function extracts(c: ShellCommand): boolean {
  if (UNPACKERS.has(c.name)) return true;
  return c.name === 'tar' && c.args.some(a => a === '--extract' || a === '--get' || (/^-[^-]/.test(a) && a.includes('x')) || /^x[a-z]*$/.test(a));
}

export const rule: Rule = {
  id: 'add-to-extract-archive',
  severity: 'info',
  description: 'A local tar archive that is copied in and then extracted is added with ADD instead.',
  aliases: ['DL3010'],
  help:
    '`COPY app.tar.gz /tmp/` followed by `RUN tar -xzf /tmp/app.tar.gz` keeps the archive in one layer and its ' +
    'contents in the next. `ADD app.tar.gz /opt/app/` extracts a local tar archive (plain or compressed) in one ' +
    'step and one layer.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const copied: { name: string; inst: (typeof stage.instructions)[number] }[] = [];
      const reported = new Set<object>();
      for (const inst of stage.instructions) {
        if (inst.keyword === 'COPY' && !inst.flags.some(f => f.name === 'from')) {
          // the words as written: the Dockerfile parser takes `\` in `build\foo.tar` for an escape
          const words = inst.jsonForm || inst.heredocs.length > 0 ? inst.argv : (inst.args.split('\n', 1)[0].match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []);
          const dest = words[words.length - 1] ?? '';
          const names = ARCHIVE.test(base(dest)) ? [base(dest)] : words.slice(0, -1).map(base).filter(n => ARCHIVE.test(n));
          for (const name of names) copied.push({ name, inst });
          continue;
        }
        if (!isRun(inst) || copied.length === 0) continue;
        for (const c of runScript(inst).commands) {
          if (!extracts(c)) continue;
          const args = argsNoFlags(c).map(base);
          for (const a of copied) {
            if (reported.has(a.inst) || !args.includes(a.name)) continue;
            reported.add(a.inst);
            out.push({ range: a.inst.range, stage: stage.index, message: `${a.name} is copied in and extracted by the RUN on line ${inst.range.line}: ADD extracts it in one layer` });
          }
        }
      }
    }
    return out.sort((a, b) => a.range.line - b.range.line);
  }
};
