import { posix } from 'node:path';
import type { Instruction } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { commandName } from '../../shell/parse';
import { commandsOf } from '../instructions';

interface Added {
  path: string;
  inst: Instruction;
}

function abs(p: string, workdir: string): string {
  return posix.normalize(p.startsWith('/') ? p : posix.join(workdir, p)).replace(/\/+$/, '') || '/';
}

/** Either path is inside (or equal to) the other, by whole segments. */
function overlaps(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length < b.length ? [a, b] : [b, a];
  return s !== '/' && l.startsWith(`${s}/`);
}

/** Paths a RUN creates that we can see cheaply: downloads, clones, copies, redirects, apt lists. */
function createdByRun(inst: Instruction, workdir: string): string[] {
  const out: string[] = [];
  for (const c of commandsOf(inst)) {
    const w = c.words;
    const n = commandName(w[0]);
    if (n === 'wget') {
      const i = w.findIndex(x => x === '-O' || x === '--output-document');
      if (i > 0 && w[i + 1] && w[i + 1] !== '-') out.push(w[i + 1]);
      for (const x of w) if (x.startsWith('--output-document=')) out.push(x.slice(18));
    } else if (n === 'curl') {
      const i = w.findIndex(x => x === '-o' || x === '--output');
      if (i > 0 && w[i + 1] && w[i + 1] !== '-') out.push(w[i + 1]);
    } else if (n === 'git' && w[1] === 'clone') {
      const pos = w.slice(2).filter(x => !x.startsWith('-'));
      if (pos.length >= 2) out.push(pos[1]);
    } else if ((n === 'cp' || n === 'mv') && w.length >= 3 && !w[w.length - 1].startsWith('-')) {
      out.push(w[w.length - 1]);
    } else if ((n === 'apt-get' || n === 'apt') && w.includes('update')) {
      out.push('/var/lib/apt/lists');
    }
  }
  return out.filter(p => !p.includes('$') && !p.includes('*')).map(p => abs(p, workdir));
}

function addedByCopy(inst: Instruction, workdir: string): string[] {
  if (inst.heredocs.length || inst.argv.length < 2) return [];
  const dest = inst.argv[inst.argv.length - 1];
  if (dest.includes('$')) return [];
  const d = abs(dest, workdir);
  const srcs = inst.argv.slice(0, -1);
  // `COPY a.tgz /tmp/` lands at /tmp/a.tgz; `COPY a.tgz /tmp/x.tgz` at /tmp/x.tgz
  if (dest.endsWith('/') || srcs.length > 1) {
    return srcs.filter(s => !s.includes('*') && !s.includes('$') && s !== '.' && s !== './').map(s => posix.join(d, posix.basename(s)));
  }
  return [d];
}

function deletedBy(inst: Instruction, workdir: string): string[] {
  const out: string[] = [];
  for (const c of commandsOf(inst)) {
    if (commandName(c.words[0]) !== 'rm') continue;
    for (const w of c.words.slice(1)) {
      if (w.startsWith('-') || w.includes('$')) continue;
      const star = w.indexOf('*');
      const p = star >= 0 ? w.slice(0, star) : w;
      if (!p || p === '/') continue;
      out.push(abs(p, workdir));
    }
  }
  return out;
}

export const rule: Rule = {
  id: 'removed-in-later-layer',
  severity: 'warning',
  description: 'A path added in one instruction and deleted by a later RUN in the same stage still takes space.',
  aliases: [],
  help:
    'Every instruction is a layer: deleting a file in a later RUN hides it but the bytes stay in the earlier layer. ' +
    'Download and delete in the same RUN, or bind-mount the file (`RUN --mount=type=bind,from=build,source=...`).',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      let workdir = '/';
      const added: Added[] = [];
      for (const inst of stage.instructions) {
        if (inst.keyword === 'WORKDIR' && inst.argv[0] && !inst.argv[0].includes('$')) {
          workdir = abs(inst.argv[0], workdir);
          continue;
        }
        if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
          for (const p of addedByCopy(inst, workdir)) added.push({ path: p, inst });
          continue;
        }
        if (inst.keyword !== 'RUN') continue;
        const deleted = deletedBy(inst, workdir);
        for (const d of deleted) {
          const hit = added.find(a => a.inst !== inst && overlaps(a.path, d));
          if (hit) {
            out.push({
              range: inst.range,
              message: `${d} is deleted here but was added by ${hit.inst.keyword} on line ${hit.inst.range.line}: its bytes stay in that layer (delete it in the same RUN, or use RUN --mount)`
            });
            break;
          }
        }
        for (const p of createdByRun(inst, workdir)) {
          // created and deleted in the same RUN is the right way: do not track it
          if (!deleted.some(d => overlaps(d, p))) added.push({ path: p, inst });
        }
      }
    }
    return out;
  }
};
