import { imageFamily } from '../../dockerfile/imageRef';
import type { ImageRef, Stage } from '../../dockerfile/model';
import type { Rule, RuleReport } from '../rule';
import { commandsOf, envNames } from '../instructions';

type Libc = 'glibc' | 'musl';

const GLIBC_FAMILIES = new Set([
  'python', 'node', 'ruby', 'php', 'golang', 'rust', 'openjdk', 'eclipse-temurin', 'maven', 'gradle', 'buildpack-deps',
  'debian', 'ubuntu', 'fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'ubi', 'ubi8', 'ubi9', 'ubi-minimal',
  'nginx', 'httpd', 'perl', 'r-base', 'gcc'
]);

/** The C library of a base image, when we can tell. */
export function libcOf(ref: ImageRef): Libc | undefined {
  if (ref.isScratch || !ref.fullyResolved) return undefined;
  const family = imageFamily(ref);
  const tag = (ref.tag ?? '').toLowerCase();
  if (family === 'alpine' || /alpine|musl/.test(tag)) return 'musl';
  if (ref.registry === 'gcr.io' && ref.repository.startsWith('distroless/')) return 'glibc';
  if (family === 'busybox') return tag.includes('glibc') ? 'glibc' : undefined;
  if (GLIBC_FAMILIES.has(family)) return 'glibc';
  return undefined;
}

// Paths that hold native code: Python packages, prefixes, node_modules, shared libraries and built binaries.
const COMPILED = /(site-packages|dist-packages|\/root\/\.local|node_modules|\/usr\/local\/lib|\/usr\/local\/bin|\/go\/bin|\/target\/release|venv|\/install(\/|$)|\.so(\.|$))/;

function staticGo(stage: Stage): boolean {
  return stage.instructions.some(
    i =>
      ((i.keyword === 'ENV' || i.keyword === 'ARG') && /CGO_ENABLED=0/.test(i.args)) ||
      (i.keyword === 'RUN' && commandsOf(i).some(c => c.env.includes('CGO_ENABLED=0'))) ||
      ((i.keyword === 'ENV' || i.keyword === 'ARG') && envNames(i).includes('CGO_ENABLED') && /CGO_ENABLED[= ]+0/.test(i.args))
  );
}

export const rule: Rule = {
  id: 'stage-libc-mismatch',
  severity: 'warning',
  description: 'Compiled artifacts copied between stages whose bases use different C libraries (glibc vs musl).',
  aliases: [],
  help: 'Native code built against glibc does not run on musl (alpine) and vice versa. Use the same base family for the build and the runtime stage, or build static binaries.',
  check(model) {
    const out: RuleReport[] = [];
    for (const stage of model.stages) {
      const to = libcOf(stage.base);
      if (!to) continue;
      for (const dep of stage.dependencies) {
        if (dep.kind !== 'copy' || dep.stage === undefined || dep.stage === stage.index) continue;
        const src = model.stages[dep.stage];
        const from = libcOf(src.base);
        if (!from || from === to) continue;
        const srcs = dep.instruction.argv.slice(0, -1);
        const compiled = srcs.find(s => COMPILED.test(s));
        if (!compiled) continue;
        if (/\/go\/bin|\/usr\/local\/bin/.test(compiled) && staticGo(src)) continue;
        out.push({
          range: dep.instruction.range,
          message: `${compiled} was built on ${from} (${src.base.resolved}) but runs on ${to} (${stage.base.resolved}): native code will not load`
        });
      }
    }
    return out;
  }
};
