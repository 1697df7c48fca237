import * as fs from 'node:fs';
import * as path from 'node:path';
import { builderInfo, parseBuildxInspect, parseContainerdStore } from '../../src/buildx/builder';

const fixture = (name: string): string => fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'build', name), 'utf8');

describe('builder detection', () => {
  it('reads the name and driver from real `docker buildx inspect` output', () => {
    expect(parseBuildxInspect(fixture('buildx-inspect-docker-driver.txt'))).toEqual({ name: 'default', driver: 'docker' });
  });

  it('reads a docker-container builder', () => {
    // Shape of `docker buildx inspect` for a builder made by docker/setup-buildx-action.
    const text = 'Name:          builder-3f2a\nDriver:        docker-container\nLast Activity: 2024-05-01 10:00:00 +0000 UTC\n\nNodes:\nName:      builder-3f2a0\nEndpoint:  unix:///var/run/docker.sock\n';
    expect(parseBuildxInspect(text)).toEqual({ name: 'builder-3f2a', driver: 'docker-container' });
  });

  test.each([
    [1, 'the containerd snapshotter (captured)', fixture('docker-info-driverstatus-containerd.json'), true],
    [2, 'the classic overlay2 store', '[["Backing Filesystem","extfs"],["Supports d_type","true"],["Using metacopy","false"],["Native Overlay Diff","true"],["userxattr","false"]]', false],
    [3, 'null', 'null', false],
    [4, 'garbage', 'not json', false]
  ])('%i: tells whether DriverStatus shows %s', (_n, _name, text, expected) => {
    expect(parseContainerdStore(text as string)).toBe(expected);
  });

  test.each([
    [1, 'docker', true, true, false],
    [2, 'docker', false, false, true],
    [3, 'docker-container', false, true, false],
    [4, 'remote', false, true, false]
  ])('%i: the %s driver with containerd store %s can export caches: %s', (_n, driver, containerd, canExport, warns) => {
    const info = builderInfo({ name: 'b', driver: driver as string }, containerd as boolean);
    expect(info.canExportCache).toBe(canExport);
    expect(info.warning !== undefined).toBe(warns);
  });

  it('names both fixes in the warning', () => {
    const w = builderInfo({ name: 'default', driver: 'docker' }, false).warning!;
    expect(w).toContain('docker/setup-buildx-action');
    expect(w).toContain('containerd-snapshotter');
  });
});
