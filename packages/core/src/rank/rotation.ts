import { decayFactor } from '../profile/decay.ts';
import type { RecommendRequest, RotationOptions } from '../recommend-types.ts';

/** Rotation unless the request or the shop says otherwise. */
export const DEFAULT_ROTATION: Required<RotationOptions> = { rate: 0.5, hours: 24 };
/**
 * Showings without engagement at which an item counts as skipped: the full `rate` applies, and
 * `learnedSummary` tells the shopper.
 */
export const SKIPPED_AT = 3;
/** Strategies rotated by default; the others only when the request asks. */
const ROTATED = new Set(['for-you', 'trending']);

/**
 * Score multipliers in catalog order (1 = untouched) for items shown and not engaged with, or
 * undefined when rotation is off for this request: `1 − rate · min(1, s / 3)`, where `s` sums the
 * recent showings, each decayed with a half-life of `hours`. Request options win over the shop's.
 */
export function rotationFactors(
  shown: readonly { id: string; ts: readonly number[] }[],
  rowOf: (id: string) => number | undefined,
  n: number,
  request: Pick<RecommendRequest, 'strategy' | 'rotation'>,
  now: number,
  shop: RotationOptions = {},
): Float32Array | undefined {
  if (request.rotation === undefined && !ROTATED.has(request.strategy)) return undefined;
  const rate = request.rotation?.rate ?? shop.rate ?? DEFAULT_ROTATION.rate;
  const hours = request.rotation?.hours ?? shop.hours ?? DEFAULT_ROTATION.hours;
  if (!(rate > 0) || shown.length === 0) return undefined;
  const factors = new Float32Array(n).fill(1);
  for (const s of shown) {
    const i = rowOf(s.id);
    if (i === undefined || i < 0 || i >= n) continue;
    let skips = 0;
    for (const t of s.ts) skips += decayFactor(Math.max(0, now - t), hours / 24);
    factors[i] = 1 - Math.min(1, rate) * Math.min(1, skips / SKIPPED_AT);
  }
  return factors;
}
