import { join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { confinedPath, MAX_CONFIG_BYTES, readInWorkspace } from '../fs/workspace';
import { ownValue, setOwn } from '../own';
import { SEVERITIES, type Severity } from '../severity';

export type SeverityOverride = Severity | 'off';
/** The value types of hadolint's `label-schema`. */
export const LABEL_TYPES = ['text', 'url', 'spdx', 'hash', 'rfc3339', 'semver', 'email'] as const;
export type LabelType = (typeof LABEL_TYPES)[number];
export type FailOn = Severity | 'none';

export interface PathOverride {
  /** Globs (relative to the working directory), e.g. `legacy/**`. */
  files: string[];
  ignored: string[];
  severity: Record<string, SeverityOverride>;
  /** Compiled once from `files`. */
  matchers: RegExp[];
}

/** Per-Dockerfile settings the build and size steps read (`dockerfiles:` in .stageguard.yml). */
export interface DockerfileSettings {
  /** Build context, relative to the working directory; default: the Dockerfile's folder. */
  context?: string;
  /** Stages to build (names or indexes); default: the final stage. */
  targets?: string[];
  /** Size budget for the final image, e.g. `150MB`; or per target name. */
  maxSize?: string;
  maxSizeByTarget?: Record<string, string>;
}

export interface Config {
  /** Rule ids or hadolint codes that are never reported. */
  ignored: string[];
  /** Severity per rule id or hadolint code (`off` drops the rule). */
  severity: Record<string, SeverityOverride>;
  overrides: PathOverride[];
  trustedRegistries: string[];
  /** hadolint's `label-schema`: label name -> the type its value must have (DL3049-DL3058). */
  labelSchema: Record<string, LabelType>;
  /** hadolint's `strict-labels`: labels outside the schema are reported (DL3050). */
  strictLabels: boolean;
  /** hadolint's `disable-ignore-pragma`: `# hadolint ignore=` comments are not honoured (DL1001 reports them). */
  disableIgnorePragma: boolean;
  failOn?: FailOn;
  dockerfiles: Record<string, DockerfileSettings>;
  /** The config files that were read, for messages. */
  sources: string[];
  /** What the YAML parser warned about (an unknown tag...), for the run's warnings. */
  warnings: string[];
}

/** Pure: the stages `.stageguard.yml` asks to build, per Dockerfile path. */
export function targetsByDockerfile(config: Config | null): Record<string, string[]> {
  return Object.fromEntries(Object.entries(config?.dockerfiles ?? {}).map(([k, v]) => [k, v.targets ?? []]));
}

/** Pure: the build contexts `.stageguard.yml` sets, per Dockerfile path. */
export function contextsByDockerfile(config: Config | null): Record<string, string> {
  return Object.fromEntries(Object.entries(config?.dockerfiles ?? {}).flatMap(([k, v]) => (v.context ? [[k, v.context]] : [])));
}

export function emptyConfig(): Config {
  return { ignored: [], severity: {}, overrides: [], trustedRegistries: [], labelSchema: {}, strictLabels: false, disableIgnorePragma: false, dockerfiles: {}, sources: [], warnings: [] };
}

const OVERRIDE_VALUES: readonly string[] = [...SEVERITIES, 'off'];
const FAIL_ON_VALUES: readonly string[] = [...SEVERITIES, 'none'];

class ConfigError extends Error {
  constructor(file: string, key: string, problem: string) {
    super(`${file}: ${key}: ${problem}`);
    this.name = 'ConfigError';
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(file: string, key: string, v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [v];
  if (!Array.isArray(v) || !v.every(x => typeof x === 'string' || typeof x === 'number')) throw new ConfigError(file, key, 'expected a list of strings');
  return v.map(String);
}

function severityMap(file: string, key: string, v: unknown): Record<string, SeverityOverride> {
  if (v === undefined || v === null) return {};
  if (!isRecord(v)) throw new ConfigError(file, key, 'expected a map of rule id to error|warning|info|style|off');
  const out: Record<string, SeverityOverride> = {};
  for (const [rule, sev] of Object.entries(v)) {
    if (typeof sev !== 'string' || !OVERRIDE_VALUES.includes(sev)) throw new ConfigError(file, `${key}.${rule}`, `expected one of ${OVERRIDE_VALUES.join('|')}, got ${JSON.stringify(sev)}`);
    setOwn(out, rule, sev as SeverityOverride);
  }
  return out;
}

/** A small glob -> RegExp: `**` any depth, `*` and `?` within a segment, `{a,b}` alternatives. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let inBraces = false;
  const g = glob.replace(/^\.\//, '');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') {
      if (g[i + 1] === '*') {
        i++;
        if (g[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inBraces = true;
      re += '(?:';
    } else if (c === '}' && inBraces) {
      inBraces = false;
      re += ')';
    } else if (c === ',' && inBraces) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Reads a config file through the workspace reader (bounded, inside the workspace); null when it does not exist. */
function readConfigText(cwd: string, file: string, shown: string): string | null {
  const read = readInWorkspace(file, { root: cwd, maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.data.toString('utf8');
  if (read.missing) return null;
  throw new ConfigError(shown, '(file)', read.reason);
}

/**
 * The first key that occurs twice in one map, as a dotted path; one pass over the document with a Set per map (the
 * parser's own check, `uniqueKeys`, compares every key with every other). Iterative, so deep nesting cannot overflow.
 */
export function firstDuplicateKey(doc: Document): string | null {
  const stack: { node: unknown; path: string }[] = [{ node: doc.contents, path: '' }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: unknown; path: string };
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const at = path ? `${path}.${key}` : key;
        if (seen.has(key)) return at;
        seen.add(key);
        stack.push({ node: pair.value, path: at });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: `${path}[${i}]` }));
    }
  }
  return null;
}

/**
 * Parses YAML text into plain data. The parser's warnings (an unknown tag, with the source line quoted) go into
 * `warnings`, never to the process: Node would print them raw to stderr, where the runner reads commands.
 */
export function parseYamlText(file: string, text: string, warnings: string[] = []): unknown {
  let doc: Document;
  try {
    // logLevel silent: warnings stay on the document (no process.emitWarning); uniqueKeys off: checked below, linearly
    doc = parseDocument(text, { uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
  } catch (e) {
    throw new ConfigError(file, '(yaml)', (e as Error).message.split('\n')[0]);
  }
  if (doc.errors.length > 0) throw new ConfigError(file, '(yaml)', doc.errors[0].message.split('\n')[0]);
  for (const w of doc.warnings) warnings.push(`${file}: ${w.message.split('\n')[0]}`);
  const dup = firstDuplicateKey(doc);
  if (dup !== null) throw new ConfigError(file, dup, 'the key is given twice');
  try {
    // maxAliasCount bounds alias expansion (a "billion laughs" document)
    return doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError(file, '(yaml)', (e as Error).message.split('\n')[0]);
  }
}

const STAGEGUARD_KEYS = new Set(['ignored', 'severity', 'overrides', 'trusted-registries', 'fail-on', 'dockerfiles']);

/** Applies a parsed `.stageguard.yml` onto `config`. Throws an Error naming the file and the key when malformed. */
export function applyStageguardConfig(config: Config, file: string, doc: unknown): void {
  if (!isRecord(doc)) throw new ConfigError(file, '(root)', 'expected a map');
  for (const k of Object.keys(doc)) if (!STAGEGUARD_KEYS.has(k)) throw new ConfigError(file, k, `unknown key (known: ${[...STAGEGUARD_KEYS].join(', ')})`);
  config.ignored.push(...stringList(file, 'ignored', doc.ignored));
  for (const [rule, sev] of Object.entries(severityMap(file, 'severity', doc.severity))) setOwn(config.severity, rule, sev);
  config.trustedRegistries.push(...stringList(file, 'trusted-registries', doc['trusted-registries']));
  if (doc['fail-on'] !== undefined) {
    const f = doc['fail-on'];
    if (typeof f !== 'string' || !FAIL_ON_VALUES.includes(f)) throw new ConfigError(file, 'fail-on', `expected one of ${FAIL_ON_VALUES.join('|')}`);
    config.failOn = f as FailOn;
  }
  if (doc.overrides !== undefined && doc.overrides !== null) {
    if (!Array.isArray(doc.overrides)) throw new ConfigError(file, 'overrides', 'expected a list of { files, ignored, severity }');
    doc.overrides.forEach((o: unknown, i: number) => {
      const key = `overrides[${i}]`;
      if (!isRecord(o)) throw new ConfigError(file, key, 'expected a map with files, ignored, severity');
      const files = stringList(file, `${key}.files`, o.files);
      if (files.length === 0) throw new ConfigError(file, `${key}.files`, 'at least one glob is required');
      config.overrides.push({
        files,
        ignored: stringList(file, `${key}.ignored`, o.ignored),
        severity: severityMap(file, `${key}.severity`, o.severity),
        matchers: files.map(globToRegExp)
      });
    });
  }
  if (doc.dockerfiles !== undefined && doc.dockerfiles !== null) {
    if (!isRecord(doc.dockerfiles)) throw new ConfigError(file, 'dockerfiles', 'expected a map of Dockerfile path to { context, targets, max-size }');
    for (const [path, v] of Object.entries(doc.dockerfiles)) {
      const key = `dockerfiles.${path}`;
      if (!isRecord(v)) throw new ConfigError(file, key, 'expected a map with context, targets, max-size');
      const s: DockerfileSettings = {};
      for (const k of Object.keys(v)) if (!['context', 'targets', 'max-size'].includes(k)) throw new ConfigError(file, `${key}.${k}`, 'unknown key (known: context, targets, max-size)');
      if (v.context !== undefined) {
        if (typeof v.context !== 'string') throw new ConfigError(file, `${key}.context`, 'expected a path');
        s.context = v.context;
      }
      if (v.targets !== undefined) s.targets = stringList(file, `${key}.targets`, v.targets);
      const ms = v['max-size'];
      if (typeof ms === 'string' || typeof ms === 'number') s.maxSize = String(ms);
      else if (isRecord(ms)) {
        s.maxSizeByTarget = {};
        for (const [t, size] of Object.entries(ms)) {
          if (typeof size !== 'string' && typeof size !== 'number') throw new ConfigError(file, `${key}.max-size.${t}`, 'expected a size such as 150MB');
          setOwn(s.maxSizeByTarget, t, String(size));
        }
      } else if (ms !== undefined) throw new ConfigError(file, `${key}.max-size`, 'expected a size such as 150MB, or a map of target to size');
      setOwn(config.dockerfiles, path.replace(/^\.\//, ''), s);
    }
  }
}

const HADOLINT_KEYS_TO_SEVERITY: Record<string, Severity> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

function flag(file: string, key: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new ConfigError(file, key, 'expected true or false');
  return v;
}

/**
 * Applies a parsed `.hadolint.yaml`: `ignored`, `override`, `trustedRegistries`, `failure-threshold`, `label-schema`,
 * `strict-labels`, `disable-ignore-pragma` (hadolint's spelling; the camel-case forms hadolint also reads are accepted).
 */
export function applyHadolintConfig(config: Config, file: string, doc: unknown): void {
  if (!isRecord(doc)) throw new ConfigError(file, '(root)', 'expected a map');
  config.ignored.push(...stringList(file, 'ignored', doc.ignored));
  if (doc.override !== undefined && doc.override !== null) {
    if (!isRecord(doc.override)) throw new ConfigError(file, 'override', 'expected a map of error|warning|info|style to lists of codes');
    for (const [level, codes] of Object.entries(doc.override)) {
      const sev = ownValue(HADOLINT_KEYS_TO_SEVERITY, level);
      if (!sev) throw new ConfigError(file, `override.${level}`, 'expected one of error, warning, info, style');
      for (const c of stringList(file, `override.${level}`, codes)) setOwn(config.severity, c, sev);
    }
  }
  config.trustedRegistries.push(...stringList(file, 'trustedRegistries', doc.trustedRegistries));
  const schema = doc['label-schema'] ?? doc.labelSchema;
  if (schema !== undefined && schema !== null) {
    if (!isRecord(schema)) throw new ConfigError(file, 'label-schema', `expected a map of label name to ${LABEL_TYPES.join('|')}`);
    for (const [label, type] of Object.entries(schema)) {
      if (typeof type !== 'string' || !(LABEL_TYPES as readonly string[]).includes(type)) {
        throw new ConfigError(file, `label-schema.${label}`, `expected one of ${LABEL_TYPES.join('|')}, got ${JSON.stringify(type)}`);
      }
      setOwn(config.labelSchema, label, type as LabelType);
    }
  }
  const strict = doc['strict-labels'] ?? doc.strictLabels;
  if (strict !== undefined) config.strictLabels = flag(file, 'strict-labels', strict);
  const noPragma = doc['disable-ignore-pragma'] ?? doc.disableIgnorePragma;
  if (noPragma !== undefined) config.disableIgnorePragma = flag(file, 'disable-ignore-pragma', noPragma);
  const ft = doc['failure-threshold'];
  if (ft !== undefined) {
    if (typeof ft !== 'string' || ![...SEVERITIES, 'none', 'ignore'].includes(ft)) throw new ConfigError(file, 'failure-threshold', 'expected error|warning|info|style|none');
    config.failOn = ft === 'ignore' ? 'none' : (ft as FailOn);
  }
}

/** The config files `loadConfig` reads, in its order (paths relative to the working directory). Pure. */
export function configFileNames(configFile?: string): string[] {
  return ['.hadolint.yaml', '.hadolint.yml', ...(configFile ? [configFile.replace(/^(\.\/)+/, '')] : ['.stageguard.yml', '.stageguard.yaml'])];
}

/**
 * Loads `.hadolint.yaml` (if present) then `.stageguard.yml` (or `configFile`), the latter winning.
 * Throws an Error naming the file and the key when a config is malformed, or when `configFile` does not exist.
 */
export function loadConfig(opts: { cwd: string; configFile?: string }): Config {
  const config = emptyConfig();
  for (const name of ['.hadolint.yaml', '.hadolint.yml']) {
    const text = readConfigText(opts.cwd, join(opts.cwd, name), name);
    if (text !== null) {
      applyHadolintConfig(config, name, parseYamlText(name, text, config.warnings));
      config.sources.push(name);
      break;
    }
  }
  const candidates = configFileNames(opts.configFile).slice(2);
  for (const name of candidates) {
    const text = readConfigText(opts.cwd, resolve(opts.cwd, name), name);
    if (text === null) {
      if (opts.configFile) throw new ConfigError(opts.configFile, '(file)', 'does not exist');
      continue;
    }
    applyStageguardConfig(config, name, parseYamlText(name, text, config.warnings));
    config.sources.push(name);
    break;
  }
  // a build context is sent to the builder whole: the PR's config cannot make it the runner's home folder
  for (const [path, s] of Object.entries(config.dockerfiles)) {
    if (s.context !== undefined && confinedPath(opts.cwd, s.context) === null) {
      throw new ConfigError(config.sources[config.sources.length - 1] ?? '.stageguard.yml', `dockerfiles.${path}.context`, 'is outside the workspace');
    }
  }
  return config;
}
