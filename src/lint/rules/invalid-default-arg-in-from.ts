import { substituteArgs } from '../../dockerfile/parse';
import type { Rule, RuleReport } from '../rule';
import { PLATFORM_ARGS } from './undefined-arg-in-from';

// The reference grammar of distribution/reference (what ParseNormalizedNamed accepts), anchored.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST_PART = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${HOST_PART}(?:\\.${HOST_PART})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** Whether `ref` is an image reference Docker accepts (`busybox`, `ghcr.io/o/app:1`, `x@sha256:...`). */
export function isValidReference(ref: string): boolean {
  if (ref.length === 0 || ref.length > 512) return false;
  if (/^[a-f0-9]{64}$/.test(ref)) return false;
  const m = REFERENCE.exec(ref);
  if (!m) return false;
  const name = ref.split(/[@]/, 1)[0].replace(/:[\w][\w.-]{0,127}$/, '');
  return name.length <= 255;
}

export const rule: Rule = {
  id: 'invalid-default-arg-in-from',
  severity: 'warning',
  description: 'With only the default values of the global ARGs, every FROM names a valid image.',
  aliases: ['InvalidDefaultArgInFrom'],
  help: '`ARG VERSION` then `FROM busybox:$VERSION` builds only when `--build-arg VERSION=...` is given: without it the image is `busybox:`. Give the ARG a default that works.',
  check(model) {
    const out: RuleReport[] = [];
    const defaults: Record<string, string | undefined> = { ...model.globalArgs };
    for (const p of PLATFORM_ARGS) if (!(p in defaults)) defaults[p] = 'linux/amd64';
    for (const s of model.stages) {
      if (!s.base.raw.includes('$')) continue;
      if (s.baseStage !== undefined) continue;
      const value = substituteArgs(s.base.raw.replace(/^["']|["']$/g, ''), defaults).value;
      if (value === 'scratch' || model.stages.some(o => o.index < s.index && o.name?.toLowerCase() === value.toLowerCase())) continue;
      if (!isValidReference(value)) {
        out.push({ range: s.from.range, stage: s.index, message: `Default value for ARG ${s.base.raw} results in empty or invalid base image name` });
      }
    }
    return out;
  }
};
