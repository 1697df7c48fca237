import { tagPart } from './cacheRefs';

/** One `docker buildx build` of one (Dockerfile, target). */
export interface BuildPlan {
  /** As reported: the Dockerfile path relative to the repository or working directory. */
  dockerfile: string;
  /** Absolute path of the Dockerfile. */
  file: string;
  /** Absolute path of the build context. */
  context: string;
  /** Report name of the target (the stage name, or `stage-<n>` for an unnamed last stage). */
  target: string;
  /** `--target` value; undefined builds the last stage. */
  targetFlag?: string;
  /** Deterministic local image reference the build is tagged with. */
  image: string;
  cacheFrom: string[];
  cacheTo: string | null;
  /** Extra tags to push when `push` is on. */
  pushTags: string[];
  /**
   * The branch's own image tag in the cache repository (`<repo>:img_<dockerfile>_<target>_<branch>`) the image is
   * pushed to and measured from, so only its new layers are read (see size/registryImage.ts); unset where the run may
   * not write the cache repository (a fork, a protected branch's tag, no repository).
   */
  measureRef?: string;
  /** False: the image is not loaded into the engine (a build stage nothing runs); default true. */
  load?: boolean;
}

export interface BuildxOptions {
  buildArgs?: string[];
  platform?: string;
  network?: string;
  builder?: string;
  push?: boolean;
  /** `load` (default) loads the image into the engine; `oci` writes an OCI archive to `ociDest` instead. */
  output?: 'load' | 'oci';
  ociDest?: string;
  /** Where buildx writes its metadata JSON. */
  metadataFile?: string;
  /** False when the builder cannot export registry caches: `--cache-to` is then left out. */
  canExportCache?: boolean;
  /** The builder's driver; with `docker`, `--push` already keeps the image in the engine so `--load` is not added. */
  driver?: string;
}

/**
 * The deterministic local image name of a (Dockerfile, target): `<prefix>/<dockerfile>:<target>[suffix]`, e.g.
 * `stageguard/services-api-dockerfile:builder` and, for the base branch's build, `...:builder-base`.
 */
export function imageNameFor(dockerfile: string, target: string, prefix = 'stageguard', suffix = ''): string {
  return `${prefix}/${tagPart(dockerfile, 100)}:${tagPart(target, 100)}${suffix}`;
}

/** The `docker buildx build` argv (without the leading `docker`), as a pure function of the plan and options. */
export function buildxArgs(plan: BuildPlan, options: BuildxOptions = {}): string[] {
  const args = ['buildx', 'build', '--progress=rawjson', '--file', plan.file];
  if (plan.targetFlag) args.push('--target', plan.targetFlag);
  for (const a of options.buildArgs ?? []) args.push('--build-arg', a);
  if (options.platform) args.push('--platform', options.platform);
  if (options.network) args.push('--network', options.network);
  if (options.builder) args.push('--builder', options.builder);
  for (const ref of plan.cacheFrom) args.push('--cache-from', `type=registry,ref=${ref}`);
  if (plan.cacheTo && options.canExportCache !== false) {
    args.push('--cache-to', `type=registry,ref=${plan.cacheTo},mode=max,ignore-error=true`);
  }
  if (plan.measureRef && options.output !== 'oci') {
    // only registry names: with --push every tag is pushed, and the local name has no registry to go to
    for (const t of new Set([plan.measureRef, ...(options.push ? plan.pushTags : [])])) args.push('--tag', t);
    if (plan.load !== false && options.driver !== 'docker') args.push('--load');
    args.push('--push');
    if (options.metadataFile) args.push('--metadata-file', options.metadataFile);
    args.push(plan.context);
    return args;
  }
  args.push('--tag', plan.image);
  if (options.push) for (const t of plan.pushTags) args.push('--tag', t);
  if (options.output === 'oci') {
    args.push('--output', `type=oci,dest=${options.ociDest ?? `${plan.image.replace(/[/:]/g, '-')}.oci.tar`}`);
  } else if (!(options.push && options.driver === 'docker')) {
    args.push('--load');
  }
  if (options.push) args.push('--push');
  if (options.metadataFile) args.push('--metadata-file', options.metadataFile);
  args.push(plan.context);
  return args;
}

/** A shell-quoted command line (for the "reproduce" hint and debug logs). */
export function shellCommand(cmd: string, args: string[]): string {
  const q = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return [cmd, ...args].map(q).join(' ');
}

/**
 * The command a user runs to reproduce a build from the repository root: the same argv without the machine-facing
 * flags (`--progress=rawjson`, `--metadata-file`), with paths under `root` made relative (`.` for root itself).
 */
export function reproduceCommand(args: string[], root?: string): string {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--metadata-file') {
      i++;
      continue;
    }
    if (a.startsWith('--progress')) {
      if (a === '--progress') i++;
      continue;
    }
    out.push(root ? relativeTo(a, root) : a);
  }
  return shellCommand('docker', out);
}

function relativeTo(arg: string, root: string): string {
  const base = root.replace(/\/+$/, '');
  if (arg === base) return '.';
  if (arg.startsWith(`${base}/`)) return arg.slice(base.length + 1);
  return arg;
}
