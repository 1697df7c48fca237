import type { Finding } from '../lint/rule';
import type { PackageDiff } from './packages/inventory';
import type { InstalledPackage } from './packages/parse';

export interface LayerSize {
  /** The history entry's `created_by`, cleaned (e.g. `RUN pip install ...`); `base image` for the base's layers. */
  instruction: string;
  /** Dockerfile line that made the layer, when it could be mapped; null otherwise. */
  line: number | null;
  compressed: number;
  uncompressed: number;
  digest?: string;
}

export interface SizeBreakdown {
  base: number;
  osPackages: number;
  dependencies: number;
  code: number;
  other: number;
}

export interface LayerDiffEntry {
  instruction: string;
  change: 'grew' | 'shrank' | 'added' | 'removed' | 'same';
  base: number | null;
  pr: number | null;
}

/** One measured image, in exactly the shape of `stageguard size --format json` (bytes as integers). */
export interface ImageSize {
  dockerfile: string | null;
  target: string | null;
  image: string;
  compressed: number;
  uncompressed: number;
  /**
   * True when the image store keeps (some) layers uncompressed (the classic store, old `docker save`): their
   * compressed size is then what gzip at level 6 makes of them, as `docker push` compresses, not a stored blob size.
   */
  compressedEstimated?: boolean;
  layers: LayerSize[];
  breakdown: SizeBreakdown;
  wasted: number;
  /** 0..1, as dive defines it. */
  efficiency: number;
  findings: Finding[];
  base: { compressed: number; uncompressed: number } | null;
  /**
   * True for the last stage of its Dockerfile, the image that ships; false for a builder stage built as a target.
   * Global budgets and the image-content findings apply to shipped images only. Undefined when unknown (one image
   * measured by name): treated as shipped.
   */
  final?: boolean;
  delta: { compressed: number; uncompressed: number } | null;
  /** Extra detail for the report (not part of the required shape, but included in JSON). */
  largest?: { path: string; bytes: number; kind: 'file' | 'dir' }[];
  layerDiff?: LayerDiffEntry[];
  /** 'new' when the target did not exist on the base, 'no-baseline' when the base failed to build. */
  baseStatus?: 'compared' | 'new' | 'deleted' | 'no-baseline' | 'not-compared';
  /**
   * Set when the baseline is a stored report and the base image's layers moved since (a tag republished upstream): the
   * part of the delta that the base image's move accounts for; the rest is the PR's.
   */
  baseDrift?: { from: string | null; before: string[]; after: string[]; compressed: number; uncompressed: number };
  /** Every package the image holds (dpkg, apk, Python distributions, npm packages), by name. */
  installed?: InstalledPackage[];
  /**
   * Packages added, removed and changed against the same target on the base branch, or, without one, against the
   * image's own base image (what the Dockerfile's layers installed). Largest first.
   */
  packages?: PackageDiff;
  savings?: { biggestBuildStage: string; biggestBuildStageBytes: number; savedBytes: number; percent: number } | null;
}
