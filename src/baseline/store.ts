import { isPullRequestEvent } from '../buildx/cacheRefs';
import { RegistryClient, RegistryError } from './registry';
import {
  branchReportTag,
  commitReportTag,
  decodeArtifactLayer,
  encodeArtifact,
  EMPTY_CONFIG,
  MAX_STORED_BYTES,
  OCI_MANIFEST,
  reportLayerOf,
  type StoredReport
} from './stored';

export interface WriteRuleInput {
  cacheRepository: string;
  branch: string;
  sha: string;
  event: string;
  isFork: boolean;
  baseBranch?: string;
  defaultBranch?: string;
}

/**
 * Pure: the tags a run may write its report under, with the same rules as the caches (build/cacheRefs.ts): a push (or
 * the CLI) writes its branch's tag and its commit's; a pull request writes only its own branch's tag (its checkout is
 * the merge commit, not a commit anybody else builds), never a base or default branch's; a fork's pull request writes
 * nothing.
 */
export function reportWriteTags(i: WriteRuleInput): { tags: string[]; refusal?: string } {
  if (!i.cacheRepository.trim()) return { tags: [], refusal: 'no cache-repository is set' };
  if (!isPullRequestEvent(i.event)) return { tags: [branchReportTag(i.branch), commitReportTag(i.sha)] };
  if (i.isFork) return { tags: [], refusal: 'a pull request from a fork reads stored reports but writes none' };
  const own = branchReportTag(i.branch);
  for (const p of [i.baseBranch, i.defaultBranch]) {
    if (p && (p === i.branch || branchReportTag(p) === own)) {
      return { tags: [], refusal: `the report tag ${own} is the protected branch "${p}"'s, and a pull request (branch "${i.branch}") must never write it` };
    }
  }
  return { tags: [own] };
}

/** Pushes the report's layer, the empty config and one manifest under each tag. Throws a RegistryError. */
export async function pushStoredReport(client: RegistryClient, report: StoredReport, tags: string[], secrets: readonly string[] = []): Promise<{ digest: string; bytes: number }> {
  const art = encodeArtifact(report, secrets);
  const layerDigest = await client.pushBlob(art.layer);
  await client.pushBlob(Buffer.from(EMPTY_CONFIG.data, 'base64'));
  const manifest = art.manifest(layerDigest);
  let digest = '';
  for (const tag of tags) digest = await client.putManifest(tag, manifest, OCI_MANIFEST);
  return { digest, bytes: art.layer.length };
}

export type ReadResult =
  | { found: true; report: StoredReport; tag: string; digest: string }
  | { found: false; tag: string; reason: string; missing: boolean };

/**
 * Reads and validates the report under `tag`. A missing tag, a manifest of something else, a layer that does not parse,
 * an incompatible version or schema all come back as `found: false` with the reason; a registry that cannot be read
 * throws a RegistryError (the caller says "no baseline" then, as the registry is down).
 */
export async function readStoredReport(client: RegistryClient, tag: string, currentVersion: string): Promise<ReadResult> {
  const m = await client.getManifest(tag);
  if (!m) return { found: false, tag, reason: `no report is stored under ${tag}`, missing: true };
  const layer = reportLayerOf(m.body);
  if ('reason' in layer) return { found: false, tag, reason: `the report under ${tag} is not trusted: ${layer.reason}`, missing: false };
  let blob: Buffer;
  try {
    blob = await client.getBlob(layer.digest, Math.min(layer.size, MAX_STORED_BYTES));
  } catch (e) {
    if (e instanceof RegistryError && (e.status === undefined || e.status >= 500)) throw e;
    return { found: false, tag, reason: `the report under ${tag} is not trusted: ${(e as Error).message}`, missing: false };
  }
  const decoded = decodeArtifactLayer(blob, currentVersion);
  if ('reason' in decoded) return { found: false, tag, reason: `the report under ${tag} is not trusted: ${decoded.reason}`, missing: false };
  return { found: true, report: decoded.report, tag, digest: m.digest };
}
