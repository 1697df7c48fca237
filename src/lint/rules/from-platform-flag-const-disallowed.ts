import type { Rule, RuleReport } from '../rule';
import { ownValue } from '../../own';

// containerd's platform specifier: os[/arch[/variant]] or a lone os or arch
const PLATFORM = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){0,2}$/;
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };
const KNOWN_OS = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'android', 'ios', 'aix', 'plan9', 'js', 'wasip1']);

/** OS and architecture of a platform string, normalized as containerd does for the common spellings. */
function osArch(p: string): { os: string; arch: string } {
  const parts = p.toLowerCase().split('/');
  if (parts.length === 1) {
    return KNOWN_OS.has(parts[0]) ? { os: parts[0], arch: '' } : { os: 'linux', arch: ownValue(ARCH_ALIASES, parts[0]) ?? parts[0] };
  }
  return { os: parts[0], arch: ownValue(ARCH_ALIASES, parts[1]) ?? parts[1] };
}

export const rule: Rule = {
  id: 'from-platform-flag-const-disallowed',
  severity: 'warning',
  description: 'FROM --platform uses a build argument, not a constant, unless the stage is named for that platform.',
  aliases: ['FromPlatformFlagConstDisallowed'],
  help:
    '`FROM --platform=linux/amd64` pins the stage whatever platform is asked for, so a multi-platform build gets amd64 binaries everywhere. ' +
    'Use `$BUILDPLATFORM` or `$TARGETPLATFORM`; as in BuildKit, a stage whose name contains the OS or architecture (`AS build_amd64`) is taken as intended.',
  check(model) {
    const out: RuleReport[] = [];
    for (const s of model.stages) {
      const platform = s.platform;
      if (platform === undefined || platform.includes('$')) continue;
      const v = platform.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (!PLATFORM.test(v)) continue;
      const { os, arch } = osArch(v);
      const name = s.name ?? '';
      if ((os !== '' && name.includes(os)) || (arch !== '' && name.includes(arch))) continue;
      out.push({ range: s.from.range, stage: s.index, message: `FROM --platform flag should not use constant value "${v}"` });
    }
    return out;
  }
};
