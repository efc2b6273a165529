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
 * `table` with up to `size` entries per row (`Infinity`: as it is), for the first of `sizes` whose
 * artifact, `place(trimmed)`, stays within the budget; null when none does.
 */
async function firstWithin(
  table: NeighbourTable,
  sizes: readonly number[],
  place: (t: NeighbourTable) => ModelParts,
  budget: number,
): Promise<NeighbourTable | null> {
  for (const size of sizes) {
    const trimmed = size === Infinity ? table : trimNeighbours(table, size);
    if ((await gzipBytes(place(trimmed))) <= budget) return trimmed;
  }
  return null;
}

const budgetOf = (parts: ModelParts) => artifactBudget(parts.manifest.itemCount) - RESERVE;

/** Fewest neighbours per item the co-visitation (or EASE) table is trimmed to for the budget. */
export const MIN_NEIGHBOURS = 8;

/**
 * The shop's neighbour table within the artifact budget: as built, else each row's best 64, 32,
 * 16, 12 or 10, else MIN_NEIGHBOURS (check-size then reports the artifact as over). Runs before
 * the optional content and sequence neighbours are placed, so they take only the room left.
 */
export async function neighboursWithinBudget(
  parts: ModelParts,
  budget = budgetOf(parts),
): Promise<NeighbourTable> {
  const place = (neighbours: NeighbourTable) => ({ ...parts, neighbours });
  const sizes = [Infinity, 64, 32, 16, 12, 10];
  return (
    (await firstWithin(parts.neighbours, sizes, place, budget)) ??
    trimNeighbours(parts.neighbours, MIN_NEIGHBOURS)
  );
}

/**
 * An optional table (content or sequence neighbours) that fits the artifact budget beside what
 * `parts` already holds: the table with up to `k` entries per row, for the largest k of k, 8, 6,
 * 4, 2 whose artifact stays within it, or null (the blend then drops that signal). Only these
 * optional parts yield to what the rest needs.
 */
export function optionalWithinBudget(
  parts: ModelParts,
  key: 'contentNeighbours' | 'sequenceNeighbours',
  table: NeighbourTable,
  k: number,
): Promise<NeighbourTable | null> {
  const sizes = [Infinity, ...[8, 6, 4, 2].filter((s) => s < k)];
  const place = (t: NeighbourTable) => ({ ...parts, [key]: t });
  return firstWithin(table, sizes, place, budgetOf(parts));
}
