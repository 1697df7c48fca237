/**
 * Package-manager knowledge for the lint rules: which commands are apt/apk/yum/pip/npm... invocations, their
 * subcommands, packages and flags, which packages are build tools, and where cache mounts keep files out of a layer.
 */
import { flagValues, type ParsedScript, type ShellCommand } from '../shell/parse';

export type PackageManager = 'apt-get' | 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'npm' | 'gem';

export interface PackageCommand {
  manager: PackageManager;
  /** e.g. `install`, `add`, `update`, `clean` */
  subcommand: string;
  /** Words after the subcommand that are not flags nor flag values: packages for an install. */
  packages: string[];
  command: ShellCommand;
}

/** Options that take a separate value word, per manager (so the value is not taken for a package or subcommand). */
const VALUE_OPTIONS: Record<PackageManager, string[]> = {
  'apt-get': ['-o', '-t', '-c', '--option', '--target-release', '--default-release', '--config-file'],
  apt: ['-o', '-t', '-c', '--option', '--target-release', '--default-release', '--config-file'],
  apk: ['-X', '-t', '-p', '--repository', '--virtual', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file'],
  yum: ['-c', '-d', '-e', '-R', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt', '--exclude', '-x'],
  dnf: ['-c', '-d', '-e', '-R', '--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt', '--exclude', '-x', '--repo'],
  microdnf: ['--installroot', '--releasever', '--enablerepo', '--disablerepo', '--setopt'],
  zypper: ['-r', '--repo', '--root', '-R'],
  pip: [
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f',
    '--find-links', '-t', '--target', '--prefix', '--root', '--src', '-b', '--build', '--platform', '--python-version',
    '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--proxy', '--trusted-host',
    '--upgrade-strategy', '--cache-dir', '--log', '--timeout', '--retries', '--config-settings', '-C', '--report',
    '--root-user-action', '--python'
  ],
  npm: ['--prefix', '-w', '--workspace', '--registry', '--cache'],
  gem: ['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform']
};

const VALUE_OPTION_SETS = Object.fromEntries(
  Object.entries(VALUE_OPTIONS).map(([m, opts]) => [m, new Set(opts)])
) as Record<PackageManager, Set<string>>;

function managerOf(cmd: ShellCommand): { manager: PackageManager; args: string[] } | undefined {
  const n = cmd.name;
  if (n === 'apt-get' || n === 'apt' || n === 'apk' || n === 'yum' || n === 'dnf' || n === 'microdnf' || n === 'zypper' || n === 'npm' || n === 'gem') {
    return { manager: n, args: cmd.args };
  }
  if (/^pip(\d+(\.\d+)*)?$/.test(n)) return { manager: 'pip', args: cmd.args };
  // python -m pip install ..., python3.12 -m pip ...
  if (/^python(\d+(\.\d+)*)?$/.test(n)) {
    const m = cmd.args.indexOf('-m');
    if (m >= 0 && cmd.args[m + 1] === 'pip') return { manager: 'pip', args: cmd.args.slice(m + 2) };
  }
  // uv pip install ...
  if (n === 'uv' && cmd.args[0] === 'pip') return { manager: 'pip', args: cmd.args.slice(1) };
  return undefined;
}

/** A quick test for command names `managerOf` may accept (it decides; this only skips the rest cheaply). */
const MANAGER_NAME = /^(?:apt-get|apt|apk|yum|dnf|microdnf|zypper|npm|gem|uv|pip|python)/;

const PACKAGE_COMMAND = Symbol('stageguard.packageCommand');

/**
 * The package-manager invocation a command is, if any (`apt-get install`, `pip install`, `apk add`, `yum clean`...).
 * Worked out once per command (many rules ask) and kept on it as a non-enumerable property; callers get a copy.
 */
export function packageCommand(cmd: ShellCommand): PackageCommand | undefined {
  const p = heldPackageCommand(cmd);
  return p === null ? undefined : { ...p, packages: p.packages.slice() };
}

/** The kept invocation itself (null when the command is none), for callers here that only read it. */
function heldPackageCommand(cmd: ShellCommand): PackageCommand | null {
  const held = cmd as ShellCommand & { [PACKAGE_COMMAND]?: PackageCommand | null };
  let p = held[PACKAGE_COMMAND];
  if (p === undefined) {
    p = readPackageCommand(cmd) ?? null;
    Object.defineProperty(held, PACKAGE_COMMAND, { value: p, enumerable: false, writable: false });
  }
  return p;
}

function readPackageCommand(cmd: ShellCommand): PackageCommand | undefined {
  const m = managerOf(cmd);
  if (!m) return undefined;
  const valueOptions = VALUE_OPTION_SETS[m.manager];
  let subcommand: string | undefined;
  const packages: string[] = [];
  let afterDashDash = false;
  for (let i = 0; i < m.args.length; i++) {
    const a = m.args[i];
    if (!afterDashDash && a === '--') {
      afterDashDash = true;
      continue;
    }
    if (!afterDashDash && a.startsWith('-') && a.length > 1) {
      if (valueOptions.has(a)) i++;
      continue;
    }
    if (subcommand === undefined) subcommand = a;
    else packages.push(a);
  }
  if (subcommand === undefined) return undefined;
  return { manager: m.manager, subcommand, packages, command: cmd };
}

/** Every package-manager invocation of a script, optionally only those of one manager and subcommand(s). */
export function packageCommands(script: ParsedScript, manager?: PackageManager | PackageManager[], subcommands?: string[]): PackageCommand[] {
  const managers = manager === undefined ? undefined : Array.isArray(manager) ? manager : [manager];
  const out: PackageCommand[] = [];
  for (const c of script.commands) {
    if (!MANAGER_NAME.test(c.name)) continue;
    const p = heldPackageCommand(c);
    if (!p) continue;
    if (managers && !managers.includes(p.manager)) continue;
    if (subcommands && !subcommands.includes(p.subcommand)) continue;
    out.push({ ...p, packages: p.packages.slice() });
  }
  return out;
}

/** Whether the script removes a path at or below `prefix` with `rm` (e.g. `rm -rf /var/lib/apt/lists/*`). */
export function removesPath(script: ParsedScript, prefix: string): boolean {
  const bare = prefix.replace(/\/+$/, '');
  return script.commands.some(
    c => c.name === 'rm' && c.args.some(a => !a.startsWith('-') && (a === bare || a.startsWith(`${bare}/`) || a.startsWith(`${bare}*`)))
  );
}

/** Targets of the RUN's `--mount=type=cache|tmpfs,target=...` flags: nothing written there stays in the layer. */
export function cacheMountTargets(mounts: string[]): string[] {
  const out: string[] = [];
  for (const m of mounts) {
    let type = 'bind';
    let target: string | undefined;
    for (const part of m.split(',')) {
      const eq = part.indexOf('=');
      const k = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const v = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
      if (k === 'type') type = v;
      else if (k === 'target' || k === 'dst' || k === 'destination') target = v;
    }
    if ((type === 'cache' || type === 'tmpfs') && target) out.push(target.replace(/\/+$/, '') || '/');
  }
  return out;
}

/** Whether one of the cache/tmpfs mounts covers `path` (the mount is `path` or a parent of it). */
export function mountCovers(mounts: string[], path: string): boolean {
  if (mounts.length === 0) return false;
  const p = path.replace(/\/+$/, '');
  return cacheMountTargets(mounts).some(t => p === t || p.startsWith(`${t}/`) || t === '/');
}

/** The words of `pip install ...` after `install` (flags included), or undefined when the command is not a pip install. */
export function pipInstallArgs(cmd: ShellCommand): string[] | undefined {
  const m = managerOf(cmd);
  if (!m || m.manager !== 'pip') return undefined;
  const i = m.args.indexOf('install');
  if (i < 0) return undefined;
  // everything before `install` must be options (`pip --no-cache-dir install`, `pip -q install`)
  if (m.args.slice(0, i).some(a => !a.startsWith('-'))) return undefined;
  return m.args.slice(i + 1);
}

/** A package name without version, release or architecture: `gcc=4:12` -> `gcc`, `libc6-dev:amd64` -> `libc6-dev`. */
export function packageName(pkg: string): string {
  // the part before the first of `= < > ~ !`, then before `:`, then before `/`: the part before the first of all seven
  let end = 0;
  while (end < pkg.length && !NAME_ENDS.has(pkg[end])) end++;
  return (end === pkg.length ? pkg : pkg.slice(0, end)).toLowerCase();
}
const NAME_ENDS = new Set(['=', '<', '>', '~', '!', ':', '/']);

const BUILD_PACKAGES = new Set([
  'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'make', 'cmake', 'ninja-build', 'build-essential', 'build-base',
  'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf', 'pkgconfig', 'gfortran', 'rustc', 'cargo', 'golang',
  'go', 'maven', 'gradle', 'default-jdk', 'openjdk-17-jdk', 'openjdk-21-jdk', 'openjdk-11-jdk', 'musl-dev',
  'linux-headers', 'bison', 'flex', 'meson', 'swig', 'nasm', 'yasm', 'cpp', 'binutils'
]);

/** Whether a package is a compiler, a build tool or development headers (`-dev`, `-devel`). */
export function isBuildPackage(pkg: string): boolean {
  const n = packageName(pkg);
  if (n === '' || n.includes('$')) return false;
  return BUILD_PACKAGES.has(n) || /-(dev|devel|headers)$/.test(n) || /^gcc-\d+$/.test(n) || /^g\+\+-\d+$/.test(n) || /^clang-\d+$/.test(n) || /^openjdk\d*-jdk(-headless)?$/.test(n);
}

const OS_INSTALL: Partial<Record<PackageManager, string[]>> = {
  'apt-get': ['install'],
  apt: ['install'],
  apk: ['add'],
  yum: ['install'],
  dnf: ['install'],
  microdnf: ['install'],
  zypper: ['install', 'in']
};

/** An OS package install (`apt-get install`, `apk add`, `yum/dnf/microdnf/zypper install`) with its packages. */
export function osPackageInstall(cmd: ShellCommand): { manager: PackageManager; packages: string[]; virtual?: string } | undefined {
  // asked of every command: most are not package commands at all, and are told so without a copy
  if (!MANAGER_NAME.test(cmd.name)) return undefined;
  const p = heldPackageCommand(cmd);
  if (!p || !OS_INSTALL[p.manager]?.includes(p.subcommand)) return undefined;
  const virtual = p.manager === 'apk' ? flagValues(cmd, ['t'], ['virtual'])[0] : undefined;
  return { manager: p.manager, packages: p.packages.slice(), virtual };
}

/** A command that compiles or packages software (`go build`, `cargo build`, `npm run build`, `pip wheel`...), as text. */
export function buildCommand(cmd: ShellCommand): string | undefined {
  const n = cmd.name;
  const a = cmd.args;
  const first = a.find(x => !x.startsWith('-'));
  if (n === 'go' && (first === 'build' || first === 'install')) return `go ${first}`;
  if (n === 'cargo' && (first === 'build' || first === 'install')) return `cargo ${first}`;
  if ((n === 'mvn' || n === 'mvnw') && a.some(x => /^(package|install|verify|compile)$/.test(x))) return 'mvn';
  if ((n === 'gradle' || n === 'gradlew') && a.some(x => /^(build|assemble|jar|bootJar|shadowJar|installDist)$/.test(x))) return 'gradle';
  if ((n === 'npm' || n === 'pnpm' || n === 'yarn') && a[0] === 'run' && /build/.test(a[1] ?? '')) return `${n} run ${a[1]}`;
  if ((n === 'yarn' || n === 'pnpm') && a[0] === 'build') return `${n} build`;
  if (/^pip\d*(\.\d+)*$/.test(n) && first === 'wheel') return 'pip wheel';
  if (n === 'dotnet' && (first === 'build' || first === 'publish')) return `dotnet ${first}`;
  if (n === 'gcc' || n === 'g++' || n === 'cc' || n === 'clang' || n === 'javac' || n === 'rustc' || n === 'tsc') return n;
  if (n === 'make' && !a.some(x => x === 'install' || x === 'clean')) return 'make';
  return undefined;
}
