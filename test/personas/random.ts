import { seededRandom } from '@insitu/core';

/** A seeded random source with the draws the simulator needs; same seed, same stream. */
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
  chance(p: number): boolean;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** Index drawn with probability ∝ 1 / (rank + 1)^s (popular items first). */
  zipf(n: number, s?: number): number;
}

const zipfTables = new Map<string, Float64Array>();

/** Cumulative Zipf weights, cached: the simulator draws from the same few shapes millions of times. */
function zipfTable(n: number, s: number): Float64Array {
  const key = `${n}:${s}`;
  let cdf = zipfTables.get(key);
  if (cdf === undefined) {
    cdf = new Float64Array(n);
    let total = 0;
    for (let i = 0; i < n; i++) cdf[i] = total += 1 / (i + 1) ** s;
    zipfTables.set(key, cdf);
  }
  return cdf;
}

/** Builds an `Rng` from a 32-bit seed. */
export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
  const rng: Rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(list: readonly T[]): T => {
      const v = list[Math.floor(next() * list.length)];
      if (v === undefined) throw new Error('pick from an empty list');
      return v;
    },
    chance: (p) => next() < p,
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    exp: (mean) => -mean * Math.log(1 - next()),
    zipf: (n, s = 1) => {
      const cdf = zipfTable(n, s);
      const r = next() * (cdf[n - 1] ?? 0);
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cdf[mid] ?? 0) < r) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
  return rng;
}
