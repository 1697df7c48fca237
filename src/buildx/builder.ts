import { exec } from '../exec';

export interface BuilderInfo {
  name: string;
  driver: string;
  /** Whether `--cache-to type=registry` works with this builder. */
  canExportCache: boolean;
  /** The docker driver with the containerd image store (also lets `--load` keep multi-platform images). */
  containerdStore?: boolean;
  warning?: string;
  /** The user named this builder (the `builder` input): it is then always passed as `--builder`, even `default`. */
  requested?: boolean;
}

/** Name and driver from `docker buildx inspect [name]` output. */
export function parseBuildxInspect(text: string): { name: string; driver: string } {
  const field = (key: string): string => new RegExp(`^${key}:\\s*(.+)$`, 'm').exec(text)?.[1].trim() ?? '';
  return { name: field('Name'), driver: field('Driver') };
}

/** True when `docker info --format '{{json .DriverStatus}}'` says the containerd snapshotter (image store) is on. */
export function parseContainerdStore(driverStatusJson: string): boolean {
  try {
    const pairs = JSON.parse(driverStatusJson.trim() || 'null') as [string, string][] | null;
    return (pairs ?? []).some(([k, v]) => k === 'driver-type' && /^io\.containerd\.snapshotter/.test(v));
  } catch {
    return false;
  }
}

export const CACHE_EXPORT_FIX =
  'add docker/setup-buildx-action before stageguard (a docker-container builder), or enable the containerd image store ' +
  '(/etc/docker/daemon.json: {"features":{"containerd-snapshotter":true}})';

/** Pure: what a builder can do, from the parsed inspect output and (for the docker driver) the image store. */
export function builderInfo(inspect: { name: string; driver: string }, containerdStore: boolean): BuilderInfo {
  if (inspect.driver !== 'docker') return { ...inspect, canExportCache: true };
  if (containerdStore) return { ...inspect, canExportCache: true, containerdStore };
  return {
    ...inspect,
    canExportCache: false,
    containerdStore,
    warning:
      `The buildx builder "${inspect.name}" uses the docker driver without the containerd image store, which cannot ` +
      `export registry caches, so stages are built without --cache-to (caches are still imported). To fix it, ${CACHE_EXPORT_FIX}.`
  };
}

/** Reads the builder (the current one, or `builder`) and what it can do. Throws when buildx does not answer. */
export async function detectBuilder(builder?: string): Promise<BuilderInfo> {
  const inspect = await exec('docker', ['buildx', 'inspect', ...(builder ? [builder] : [])], { timeoutMs: 60000 });
  if (inspect.exitCode !== 0) {
    throw new Error(
      `docker buildx inspect${builder ? ` ${builder}` : ''} failed: ${(inspect.stderr || inspect.stdout).trim()}. ` +
        'stageguard needs Docker with buildx (docker/setup-buildx-action sets one up).'
    );
  }
  const parsed = parseBuildxInspect(inspect.stdout);
  let containerd = false;
  if (parsed.driver === 'docker') {
    const info = await exec('docker', ['info', '--format', '{{json .DriverStatus}}'], { timeoutMs: 60000 });
    containerd = info.exitCode === 0 && parseContainerdStore(info.stdout);
  }
  return { ...builderInfo(parsed, containerd), ...(builder ? { requested: true } : {}) };
}
