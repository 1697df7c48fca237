import { gzipSync } from 'node:zlib';
import { closedPort, describeEngine, REGISTRY } from '../support/engine';
import { RegistryClient, RegistryError } from '../../src/baseline/registry';
import { pushStoredReport, readStoredReport } from '../../src/baseline/store';
import { ARTIFACT_TYPE, EMPTY_CONFIG, LAYER_MEDIA_TYPE, OCI_MANIFEST, branchReportTag, commitReportTag, type StoredReport } from '../../src/baseline/stored';
import { exec } from '../../src/exec';

jest.setTimeout(120_000);

const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const REPO = `${REGISTRY}/baseline-store/r${RUN}`;
const SHA = 'abcdef0123456789abcdef0123456789abcdef01';

function sampleReport(over: Partial<StoredReport> = {}): StoredReport {
  return {
    schema: 1,
    tool: { name: 'stageguard', version: '0.1.0' },
    branch: 'main',
    sha: SHA,
    created: '2026-12-01T00:00:00.000Z',
    inputs: { buildArgs: 'sha256:0', platform: null },
    dockerfiles: [{ path: 'Dockerfile', stages: ['build', 'stage-1'] }],
    targets: [{ dockerfile: 'Dockerfile', target: 'stage-1' }],
    sizes: [
      {
        dockerfile: 'Dockerfile',
        target: 'stage-1',
        image: 'stageguard/dockerfile:stage-1',
        compressed: 1234,
        uncompressed: 5678,
        layers: [{ instruction: 'base image', line: 1, compressed: 1000, uncompressed: 5000 }],
        breakdown: { base: 5000, osPackages: 0, dependencies: 0, code: 678, other: 0 },
        wasted: 0,
        efficiency: 1,
        findings: [],
        base: null,
        delta: null
      }
    ],
    baseImages: [{ dockerfile: 'Dockerfile', target: 'stage-1', from: 'busybox', layers: [`sha256:${'1'.repeat(64)}`] }],
    layers: { [`sha256:${'1'.repeat(64)}`]: { compressedSize: 1000, uncompressedSize: 5000, gzip: true, entries: [['bin/sh', 5000, 'file']] } },
    lint: { files: [], summary: { files: 0, violations: 0, bySeverity: { error: 0, warning: 0, info: 0, style: 0 } } },
    ...over
  };
}

describeEngine('stored reports in the real registry', () => {
  const client = RegistryClient.forRepository(REPO);

  it('pushes a report as an OCI 1.1 artifact under its branch and commit tags and reads it back equal', async () => {
    const report = sampleReport();
    const tags = [branchReportTag('main'), commitReportTag(SHA)];
    await pushStoredReport(client, report, tags);
    for (const tag of tags) {
      const m = await client.getManifest(tag);
      const manifest = JSON.parse(m!.body.toString('utf8'));
      expect(manifest).toMatchObject({ schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: ARTIFACT_TYPE, config: EMPTY_CONFIG });
      expect(manifest.layers).toHaveLength(1);
      expect(manifest.layers[0].mediaType).toBe(LAYER_MEDIA_TYPE);
      const read = await readStoredReport(client, tag, '0.1.9');
      expect(read).toMatchObject({ found: true, tag });
      if (read.found) expect(read.report).toEqual(report);
    }
    // the registry lists both tags; the empty config is a real blob there
    const list = (await (await fetch(`http://127.0.0.1:5000/v2/${REPO.slice(REGISTRY.length + 1)}/tags/list`)).json()) as { tags: string[] };
    expect(list.tags.sort()).toEqual(['report_abcdef012345', 'report_main']);
    expect((await client.getBlob(EMPTY_CONFIG.digest, 10)).toString()).toBe('{}');
  });

  it('says no report is stored under a tag nobody wrote', async () => {
    const read = await readStoredReport(client, 'report_nobody', '0.1.0');
    expect(read).toEqual({ found: false, tag: 'report_nobody', reason: 'no report is stored under report_nobody', missing: true });
  });

  it('refuses a report from an incompatible stageguard version, naming both versions', async () => {
    await pushStoredReport(client, sampleReport({ tool: { name: 'stageguard', version: '0.2.0' } }), ['report_newer']);
    const read = await readStoredReport(client, 'report_newer', '0.1.0');
    expect(read).toMatchObject({ found: false, missing: false });
    if (!read.found) expect(read.reason).toBe('the report under report_newer is not trusted: it was written by stageguard 0.2.0, which this stageguard 0.1.0 does not read');
  });

  it('refuses a tampered report whose layer is not gzip JSON', async () => {
    const layer = gzipSync('{"schema":1,"tool":');
    const digest = await client.pushBlob(layer);
    await client.pushBlob(Buffer.from('{}'));
    const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType: ARTIFACT_TYPE, config: EMPTY_CONFIG, layers: [{ mediaType: LAYER_MEDIA_TYPE, digest, size: layer.length }] };
    await client.putManifest('report_tampered', Buffer.from(JSON.stringify(manifest)), OCI_MANIFEST);
    const read = await readStoredReport(client, 'report_tampered', '0.1.0');
    expect(read.found).toBe(false);
    if (!read.found) expect(read.reason).toMatch(/^the report under report_tampered is not trusted: it does not parse \(/);
  });

  it('refuses an image that sits under a report tag', async () => {
    const layer = Buffer.from('not a report');
    const digest = await client.pushBlob(layer);
    const cfg = Buffer.from('{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}');
    const cfgDigest = await client.pushBlob(cfg);
    const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: cfgDigest, size: cfg.length }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size: layer.length }] };
    await client.putManifest('report_image', Buffer.from(JSON.stringify(manifest)), OCI_MANIFEST);
    const read = await readStoredReport(client, 'report_image', '0.1.0');
    expect(read.found).toBe(false);
    if (!read.found) expect(read.reason).toBe('the report under report_image is not trusted: it is not a stageguard report (artifactType null)');
  });

  it('throws a RegistryError naming the registry when nothing listens there', async () => {
    const port = await closedPort();
    const down = RegistryClient.forRepository(`127.0.0.1:${port}/baseline/down`, { timeoutMs: 5000 });
    await expect(readStoredReport(down, 'report_main', '0.1.0')).rejects.toThrow(RegistryError);
    await expect(down.getManifest('report_main')).rejects.toThrow(`the registry 127.0.0.1:${port} could not be reached (ECONNREFUSED)`);
  });

  it('is readable by docker buildx imagetools as an artifact with the report layer', async () => {
    const r = await exec('docker', ['buildx', 'imagetools', 'inspect', '--raw', `${REPO}:report_main`], { timeoutMs: 60000 });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout).artifactType).toBe(ARTIFACT_TYPE);
  });
});
