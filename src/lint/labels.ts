/**
 * LABEL pairs and hadolint's `label-schema` types (DL3048-DL3058). Pure: instructions in, pairs and verdicts out.
 */
import spdxIds from 'spdx-license-ids/index.json';
import spdxDeprecated from 'spdx-license-ids/deprecated.json';
import type { DockerfileModel, Instruction } from '../dockerfile/model';
import { stageByTarget } from '../dockerfile/stages';
import type { RuleContext, RuleReport } from './rule';

export interface LabelPair {
  key: string;
  value: string;
}

const unquote = (s: string): string => s.replace(/^"((?:\\.|[^"\\])*)"$/, (_m, v: string) => v.replace(/\\(.)/g, '$1')).replace(/^'(.*)'$/, '$1');

/** The pairs of a LABEL: `LABEL a=1 "b c"="d e"`, and the legacy `LABEL key value with spaces`. */
export function labelPairs(inst: Instruction): LabelPair[] {
  if (inst.keyword !== 'LABEL') return [];
  const words = inst.args.match(/(?:[^\s"']+|"(?:\\.|[^"\\])*"?|'[^']*'?)+/g) ?? [];
  const first = words[0];
  if (first !== undefined && !first.includes('=')) return [{ key: unquote(first), value: unquote(words.slice(1).join(' ')) }];
  return words.map(w => {
    const eq = w.indexOf('=');
    return eq < 0 ? { key: unquote(w), value: '' } : { key: unquote(w.slice(0, eq)), value: unquote(w.slice(eq + 1)) };
  });
}

const labelsCache = new WeakMap<DockerfileModel, { inst: Instruction; pair: LabelPair }[]>();

/** Every LABEL pair of the file with the instruction it is on (ONBUILD LABEL excluded: it labels another image). */
export function allLabels(model: DockerfileModel): { inst: Instruction; pair: LabelPair }[] {
  let labels = labelsCache.get(model);
  if (!labels) {
    labels = model.instructions.flatMap(inst => labelPairs(inst).map(pair => ({ inst, pair })));
    labelsCache.set(model, labels);
  }
  return labels;
}

const SPDX = new Set([...(spdxIds as string[]), ...(spdxDeprecated as string[])]);
// semver.org's regular expression for a SemVer 2.0.0 version
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const RFC3339 = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt ]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
// RFC 5322 addr-spec, dot-atom form (what people write in a maintainer label)
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export const isSpdxId = (v: string): boolean => SPDX.has(v);
export const isSemVer = (v: string): boolean => SEMVER.test(v);
export const isRfc3339 = (v: string): boolean => RFC3339.test(v);
export const isEmail = (v: string): boolean => EMAIL.test(v);
export const isGitHash = (v: string): boolean => /^[0-9a-f]+$/.test(v) && (v.length === 7 || v.length === 40);
/** An absolute URI: a scheme, `:`, and no spaces (RFC 3986, as hadolint's parseURI reads it). */
export function isUrl(v: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(v)) return false;
  try {
    new URL(v);
    return true;
  } catch {
    return false;
  }
}

/** One finding per LABEL pair whose key has schema type `type` and whose value fails `valid`. */
export function checkLabelType(model: DockerfileModel, ctx: RuleContext, type: string, valid: (v: string) => boolean, message: (key: string) => string): RuleReport[] {
  const schema = ctx.labelSchema ?? {};
  const out: RuleReport[] = [];
  if (!Object.values(schema).includes(type)) return out;
  for (const { inst, pair } of allLabels(model)) {
    if (schema[pair.key] === type && !valid(pair.value)) out.push({ range: inst.range, message: message(pair.key) });
  }
  return out;
}

/** The stages a label must be on: the shipped stage and the configured targets. */
export function labelledStages(model: DockerfileModel, ctx: RuleContext): number[] {
  const final = model.stages.length - 1;
  const out = new Set<number>(final >= 0 ? [final] : []);
  for (const t of ctx.targets ?? []) {
    const s = stageByTarget(model, t);
    if (s) out.add(s.index);
  }
  return [...out].sort((a, b) => a - b);
}
