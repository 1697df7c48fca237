import { execFileSync } from 'node:child_process';
import * as net from 'node:net';

/** The local registry that scripts/test-engine.sh starts (loopback only). */
export const REGISTRY = 'localhost:5000';
export const BASE_IMAGE = `${REGISTRY}/busybox:1`;
export const FULL_BASE_IMAGE = `${REGISTRY}/fullbase:1`;

function engineReachable(): string | null {
  try {
    execFileSync('docker', ['info', '--format', '{{.ServerVersion}}'], { stdio: 'pipe', timeout: 15000 });
  } catch {
    return 'no Docker engine answers `docker info`';
  }
  try {
    execFileSync('docker', ['buildx', 'version'], { stdio: 'pipe', timeout: 15000 });
  } catch {
    return 'docker buildx is not installed';
  }
  try {
    execFileSync('curl', ['-fsS', 'http://127.0.0.1:5000/v2/'], { stdio: 'pipe', timeout: 5000 });
  } catch {
    return 'no registry answers on 127.0.0.1:5000';
  }
  return null;
}

let cached: string | null | undefined;
/** Why engine tests cannot run here, or null when they can. */
export function engineUnavailableReason(): string | null {
  if (cached === undefined) cached = engineReachable();
  return cached;
}

/**
 * `describe` for tests that need something this machine may lack (`reason` says why they cannot run, or is null).
 * Without it the suite is skipped with a loud message, except when STAGEGUARD_E2E=required (as in .ci/run), where
 * the suite fails instead of skipping. `what` names the need; `fix` is the command that provides it.
 */
export function describeNeeding(name: string, reason: string | null, what: string, fix: string, fn: () => void): void {
  if (reason === null) {
    describe(name, fn);
    return;
  }
  if (process.env.STAGEGUARD_E2E === 'required') {
    describe(name, () => {
      it(`needs ${what} (STAGEGUARD_E2E=required)`, () => {
        throw new Error(`${what}: required but cannot be had: ${reason}. ${fix}`);
      });
    });
    return;
  }
  // eslint-disable-next-line no-console
  console.warn(`\n*** SKIPPED "${name}": ${reason}. ${fix} ***\n`);
  describe.skip(name, fn);
}

/** `describe` for tests on the real engine and registry (see describeNeeding). */
export function describeEngine(name: string, fn: () => void): void {
  describeNeeding(name, engineUnavailableReason(), 'the Docker engine and registry', 'Start them with scripts/test-engine.sh start.', fn);
}

/** A loopback port nothing listens on: bound once, then released. */
export function closedPort(): Promise<number> {
  return new Promise(resolve => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
