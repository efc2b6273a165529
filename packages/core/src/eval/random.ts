/**
 * A small seeded PRNG (mulberry32): the same seed gives the same stream on every platform, which
 * keeps sampled negatives and fits reproducible. Returns floats in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws up to `count` distinct items uniformly from 0…itemCount-1, skipping `excluded[i] = 1` and
 * `target`. When fewer are eligible, returns all of them.
 */
export function sampleNegatives(
  random: () => number,
  itemCount: number,
  count: number,
  excluded: Uint8Array,
  target: number,
  eligible: number,
): Int32Array {
  if (eligible <= 2 * count) {
    // Few eligible items: rejection sampling would spin, so shuffle the list partially instead.
    const all: number[] = [];
    for (let i = 0; i < itemCount; i++) if (i !== target && excluded[i] !== 1) all.push(i);
    const n = Math.min(count, all.length);
    for (let j = 0; j < n; j++) {
      const r = j + Math.floor(random() * (all.length - j));
      [all[j], all[r]] = [all[r]!, all[j]!];
    }
    return Int32Array.from(all.slice(0, n));
  }
  const out = new Int32Array(count);
  const chosen = new Set<number>();
  let n = 0;
  while (n < count) {
    const i = Math.floor(random() * itemCount);
    if (i === target || excluded[i] === 1 || chosen.has(i)) continue;
    chosen.add(i);
    out[n++] = i;
  }
  return out;
}
