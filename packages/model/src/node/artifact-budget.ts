import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { ModelParts } from '../insitu-model.ts';
import type { NeighbourTable } from '../neighbours.ts';
import { serializeArtifact } from './serialize.ts';

/**
 * The artifact budget of `packages/model/package.json` ("artifactLimit", what
 * `scripts/check-size.mjs --artifact` checks): gzipped bytes for a catalog of this size.
 */
export function artifactBudget(itemCount: number): number {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    artifactLimit: { gzipPer10kItems: number };
  };
  return Math.round((pkg.artifactLimit.gzipPer10kItems * Math.max(10_000, itemCount)) / 1e4);
}

/** Gzipped bytes (level 9, summed per file) of the serialised parts, as check-size counts them. */
export async function gzipBytes(parts: ModelParts): Promise<number> {
  let sum = 0;
  for (const bytes of await serializeArtifact(parts))
    sum += gzipSync(bytes[1], { level: 9 }).length;
  return sum;
}

/** Each row's `k` best entries (rows are stored best first). */
export function trimNeighbours(t: NeighbourTable, k: number): NeighbourTable {
  const offsets = new Uint32Array(t.itemCount + 1);
  const keep: number[] = [];
  for (let i = 0; i < t.itemCount; i++) {
    const start = t.offsets[i]!;
    const end = Math.min(t.offsets[i + 1]!, start + k);
    for (let e = start; e < end; e++) keep.push(e);
    offsets[i + 1] = keep.length;
  }
  return {
    itemCount: t.itemCount,
    offsets,
    cols: Uint32Array.from(keep, (e) => t.cols[e]!),
    codes: Uint8Array.from(keep, (e) => t.codes[e]!),
    rowScale: t.rowScale,
  };
}

/** Room left for what the build adds after the fit (profile centroids, intent weights). */
const RESERVE = 4096;

/**
 * The content neighbours that fit the artifact budget: the table with up to `k` entries per row,
 * for the largest k of k, 8, 6, 4, 2 whose artifact stays within it, or null (the blend then
 * drops the content signal). The rest of the artifact is what it is; only this optional part
 * yields.
 */
export async function contentWithinBudget(
  parts: ModelParts,
  table: NeighbourTable,
  k: number,
): Promise<NeighbourTable | null> {
  const budget = artifactBudget(parts.manifest.itemCount) - RESERVE;
  for (const size of [k, 8, 6, 4, 2].filter((s, i) => i === 0 || s < k)) {
    const trimmed = size === k ? table : trimNeighbours(table, size);
    if ((await gzipBytes({ ...parts, contentNeighbours: trimmed })) <= budget) return trimmed;
  }
  return null;
}
