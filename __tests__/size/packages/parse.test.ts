import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { normalizePythonName, parseApkInstalled, parseDeb822, parseDpkgStatus, parseNodePackageJson, parsePythonMetadata, recordBytes } from '../../../src/size/packages/parse';
import { packageDbKind } from '../../../src/size/packages/paths';

/** Files captured from real images: see fixtures/README.md for where each comes from. */
const fixture = (name: string): string => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');

describe('packageDbKind', () => {
  it.each([
    ['var/lib/dpkg/status', 'dpkg-status'],
    ['var/lib/dpkg/status-old', null],
    ['var/lib/dpkg/status.d/base-files', 'dpkg-status-d'],
    ['var/lib/dpkg/status.d/base-files.md5sums', null],
    ['var/lib/dpkg/status.d/sub/x', null],
    ['lib/apk/db/installed', 'apk'],
    ['usr/local/lib/python3.11/dist-packages/Demo_Pkg.Tool-1.2.3.dist-info/METADATA', 'python-metadata'],
    ['usr/local/lib/python3.11/site-packages/pip-23.0.1.dist-info/RECORD', 'python-record'],
    ['usr/lib/python3/dist-packages/setuptools-66.1.1.egg-info/PKG-INFO', 'python-metadata'],
    ['usr/lib/python3/dist-packages/six-1.16.0.egg-info', 'python-metadata'],
    ['usr/lib/python3/dist-packages/pip/_vendor/x.dist-info/METADATA', null],
    ['app/node_modules/tar-stream/package.json', 'npm'],
    ['app/node_modules/@actions/core/package.json', 'npm'],
    ['app/node_modules/a/node_modules/b/package.json', 'npm'],
    ['app/node_modules/tar-stream/lib/package.json', null],
    ['app/node_modules/.bin/package.json', null],
    ['app/package.json', null]
  ])('calls %s a %s database', (p, kind) => {
    expect(packageDbKind(p)).toBe(kind);
  });
});

describe('parseDeb822', () => {
  it.each([
    ['one paragraph', 'Package: a\nVersion: 1\n', [{ Package: 'a', Version: '1' }]],
    ['two paragraphs and CRLF', 'Package: a\r\n\r\nPackage: b\r\n', [{ Package: 'a' }, { Package: 'b' }]],
    ['continuation lines', 'Description: short\n long line\n .\n', [{ Description: 'short\nlong line\n.' }]],
    ['a repeated field keeps the first', 'Package: a\nPackage: b\n more\n', [{ Package: 'a' }]],
    ['lines without a colon are skipped', 'garbage\nPackage: a\n', [{ Package: 'a' }]],
    ['nothing', '\n\n', []]
  ])('reads %s', (_name, text, want) => {
    expect(parseDeb822(text)).toEqual(want);
  });
});

describe('parseDpkgStatus', () => {
  it('reads every package of a debootstrap minbase bookworm with the sizes dpkg-query reports', () => {
    const pkgs = parseDpkgStatus(fixture('dpkg-status.minbase'));
    // dpkg-query --admindir=<copy> -W -f '${Installed-Size}': 88 packages, 117,536 KiB in all
    expect(pkgs).toHaveLength(88);
    expect(pkgs.reduce((s, p) => s + (p.bytes ?? 0), 0)).toBe(117_536 * 1024);
    expect(pkgs.find(p => p.name === 'libc6')).toEqual({ ecosystem: 'deb', name: 'libc6', version: '2.36-9+deb12u14', bytes: 13_001 * 1024 });
  });

  it('reads the status after apt-get install curl python3-pip: 128 packages, curl among them', () => {
    const pkgs = parseDpkgStatus(fixture('dpkg-status.curl-pip'));
    expect(pkgs).toHaveLength(128);
    expect(pkgs.reduce((s, p) => s + (p.bytes ?? 0), 0)).toBe(168_031 * 1024);
    expect(pkgs.find(p => p.name === 'curl')).toEqual({ ecosystem: 'deb', name: 'curl', version: '7.88.1-10+deb12u15', bytes: 489 * 1024 });
  });

  it.each([
    ['a package whose config files only are left', 'Package: a\nStatus: deinstall ok config-files\nVersion: 1\n', []],
    ['a half-installed package', 'Package: a\nStatus: install reinstreq half-installed\n', []],
    ['a distroless status.d stanza without Status', 'Package: tzdata\nVersion: 2024a\nInstalled-Size: 10\n', [{ ecosystem: 'deb', name: 'tzdata', version: '2024a', bytes: 10240 }]],
    ['a stanza without Installed-Size', 'Package: a\nStatus: install ok installed\nVersion: 1\n', [{ ecosystem: 'deb', name: 'a', version: '1', bytes: null }]],
    ['a stanza with a non-numeric size', 'Package: a\nInstalled-Size: 1e9\n', [{ ecosystem: 'deb', name: 'a', version: '', bytes: null }]]
  ])('reads %s', (_name, text, want) => {
    expect(parseDpkgStatus(text)).toEqual(want);
  });
});

describe('parseApkInstalled', () => {
  // apk-tools' database format (lib/apk/db/installed), written after Alpine's own file: no Alpine image is reachable
  // from this project's machines, so this is the one database not captured from a real image.
  const db = [
    'C:Q1S2vH8uY1u0p3GxD1XJl7k0b0u6Q=',
    'P:musl',
    'V:1.2.4-r2',
    'A:x86_64',
    'S:383152',
    'I:622592',
    'T:the musl c library (libc) implementation',
    'F:lib',
    'R:ld-musl-x86_64.so.1',
    '',
    'P:busybox',
    'V:1.36.1-r5',
    'I:946176',
    ''
  ].join('\n');
  it('reads name, version and installed size of each package', () => {
    expect(parseApkInstalled(db)).toEqual([
      { ecosystem: 'apk', name: 'musl', version: '1.2.4-r2', bytes: 622592 },
      { ecosystem: 'apk', name: 'busybox', version: '1.36.1-r5', bytes: 946176 }
    ]);
  });
  it('reads a last package without a trailing blank line and skips lines of other shapes', () => {
    expect(parseApkInstalled('P:a\nV:1\nnonsense\nI:x')).toEqual([{ ecosystem: 'apk', name: 'a', version: '1', bytes: null }]);
  });
});

describe('Python metadata', () => {
  it.each([
    ['a wheel pip installed from a local project', 'demo-METADATA', { name: 'demo-pkg-tool', version: '1.2.3' }],
    ['pip as Debian ships it', 'pip-METADATA', { name: 'pip', version: '23.0.1' }],
    ['an egg-info PKG-INFO', 'setuptools-PKG-INFO', { name: 'setuptools', version: '66.1.1' }]
  ])('reads name and version of %s', (_name, file, want) => {
    expect(parsePythonMetadata(fixture(file))).toEqual(want);
  });

  it.each([
    // awk -F, '$NF ~ /^[0-9]+$/ {s+=$NF}' over the same files (the wheel's RECORD has CRLF line ends)
    ['demo-RECORD', 208],
    ['pip-RECORD', 6_132_321]
  ])('sums the file sizes of %s', (file, bytes) => {
    expect(recordBytes(fixture(file))).toBe(bytes);
  });

  it.each([
    ['Foo.Bar_baz', 'foo-bar-baz'],
    ['zope.interface', 'zope-interface'],
    ['A--B__C', 'a-b-c']
  ])('normalises %s to %s', (name, want) => {
    expect(normalizePythonName(name)).toBe(want);
  });

  it('reads no name from metadata without one', () => {
    expect(parsePythonMetadata('Metadata-Version: 2.1\n\nName: in-the-body\n')).toBeNull();
  });
});

describe('parseNodePackageJson', () => {
  it.each([
    ['npm-tar-stream.package.json', { name: 'tar-stream', version: JSON.parse(fixture('npm-tar-stream.package.json')).version }],
    ['npm-actions-core.package.json', { name: '@actions/core', version: JSON.parse(fixture('npm-actions-core.package.json')).version }]
  ])('reads %s', (file, want) => {
    expect(parseNodePackageJson(fixture(file))).toEqual(want);
  });
  it.each([['not json', '{'], ['no name', '{"version":"1"}'], ['an array', '[1]'], ['null', 'null']])('reads nothing from %s', (_n, text) => {
    expect(parseNodePackageJson(text)).toBeNull();
  });
});
