import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describeEngine, describeNeeding, engineUnavailableReason } from './engine';

/** The Debian base the realistic fixture builds on: a debootstrap minbase of bookworm (scripts/debian-base.sh). */
export const DEBIAN_BASE = 'localhost:5000/debian-minbase:bookworm';

function haveImage(): boolean {
  try {
    execFileSync('docker', ['image', 'inspect', DEBIAN_BASE], { stdio: 'pipe', timeout: 30000 });
    return true;
  } catch {
    return false;
  }
}

function haveDebootstrap(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v debootstrap || test -x /usr/sbin/debootstrap'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

let reason: string | null | undefined;
/** Makes the image once when it is missing (about a minute); why it cannot be had, or null. */
function debianBaseReason(): string | null {
  if (reason !== undefined) return reason;
  if (haveImage()) return (reason = null);
  if (!haveDebootstrap() && process.getuid?.() !== 0) return (reason = 'debootstrap is not installed (and apt-get needs root)');
  try {
    execFileSync('bash', [path.join(__dirname, '..', '..', 'scripts', 'debian-base.sh')], { stdio: 'pipe', timeout: 10 * 60 * 1000 });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    return (reason = `scripts/debian-base.sh failed: ${(err.stderr?.toString() ?? String(e)).trim().split('\n').slice(-3).join(' ')}`);
  }
  return (reason = haveImage() ? null : 'scripts/debian-base.sh made no image');
}

/**
 * `describe` for tests that build on the Debian base with Debian's mirror (builds with `--network host`). Without
 * the engine it behaves as describeEngine; without debootstrap (and so the image) it skips loudly, or fails under
 * STAGEGUARD_E2E=required.
 */
export function describeDebian(name: string, fn: () => void): void {
  if (engineUnavailableReason() !== null) return describeEngine(name, fn);
  describeNeeding(name, debianBaseReason(), 'the Debian base image', 'Make it with scripts/debian-base.sh.', fn);
}
