import type { Recommendation } from '../recommend-types.ts';
import { blendSources, topK, type Blend } from './blend.ts';
import { eligibleItems, filterMask } from './eligibility.ts';
import { explain } from './explain.ts';
import { mmrSelect } from './mmr.ts';
import { loneTopK, orderedTopK, type Adjust } from './ordered.ts';
import { metadataSimilarity, vectorSimilarity } from './similarity.ts';
import { DEFAULT_WEIGHTS } from './types.ts';
import type { RankInput } from './types.ts';

/** Default and bounds of `limit`. */
export const LIMIT = { default: 8, max: 100 } as const;
/** MMR looks this many times `limit` deep into the blended order. */
const POOL_FACTOR = 5;

/** Per-catalog buffers of one ranking: `rankItems` is synchronous, so calls never share them. */
const scratchOf = new WeakMap<readonly unknown[], { eligible: Uint8Array; blend: Blend }>();
function scratch(n: number, catalog: readonly unknown[]) {
  let s = scratchOf.get(catalog);
  if (s === undefined || s.eligible.length !== n) {
    s = {
      eligible: new Uint8Array(n),
      blend: { scores: new Float32Array(n), top: new Int8Array(n), best: new Float32Array(n) },
    };
    scratchOf.set(catalog, s);
  }
  return s;
}

/**
 * Core ranking, the same in the worker and in `insitu eval`: blends the candidate sources, applies
 * business filters and exclusions, orders (a page's context category first for a shopper with no
 * history), diversifies with MMR and explains each item. Deterministic: ties keep catalog order.
 */
export function rankItems(input: RankInput): Recommendation[] {
  const { catalog, request } = input;
  const history = input.history ?? [];
  const buffers = scratch(catalog.length, catalog);
  const eligible = eligibleItems(input, buffers.eligible);
  const category = request.context?.category?.toLowerCase();
  let boost: Adjust['boost'];
  if (history.length === 0 && category !== undefined) {
    // Cold start: the page's category decides first, the sources order within it.
    let by = 1;
    for (const s of input.sources) by += Math.max(0, s.weight ?? DEFAULT_WEIGHTS[s.kind]);
    boost = { mask: filterMask(catalog, { inStock: false, categories: [category] }), by };
  }
  const rotation = input.rotation;
  const limit = Math.max(1, Math.min(LIMIT.max, Math.floor(request.limit ?? LIMIT.default)));
  const diversity = Math.max(0, Math.min(1, request.diversity ?? 0.3));
  const depth = diversity > 0 ? limit * POOL_FACTOR : limit;
  const [only] = input.sources;
  const { scores, top } = buffers.blend;
  // A lone source needs no blend: its order walked, or one pass that scores and selects.
  let pool: number[] | undefined;
  if (input.sources.length === 1) {
    const adjust = { ...(boost && { boost }), ...(rotation && { rotation }) };
    pool =
      orderedTopK(only!, eligible, depth, buffers.blend, adjust) ??
      loneTopK(only!, eligible, depth, buffers.blend, adjust);
  }
  if (pool === undefined) {
    blendSources(input.sources, eligible, buffers.blend);
    if (boost !== undefined) {
      for (let i = 0; i < scores.length; i++) {
        if (eligible[i] === 1 && boost.mask[i] === 1) scores[i]! += boost.by;
      }
    }
    if (rotation !== undefined) {
      // Blended scores are ≥ 0 (each source is min-max normalised), so a factor only lowers them.
      for (let i = 0; i < scores.length; i++)
        if (scores[i]! > -Infinity) scores[i]! *= rotation[i]!;
    }
    pool = topK(scores, depth);
  }
  const similarity =
    input.vectors === undefined ? metadataSimilarity(catalog) : vectorSimilarity(input.vectors);
  // MMR and the explanations read the scores and top sources of the pool only.
  const chosen = mmrSelect(pool, scores, limit, diversity, similarity);
  const ctx = { input, history, similarity };
  return chosen.map((i) => ({
    item: catalog[i]!,
    score: scores[i]!,
    explanation: explain(ctx, i, top[i]!),
  }));
}
