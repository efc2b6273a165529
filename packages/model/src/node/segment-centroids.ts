// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import {
  buildProfile,
  createProfileState,
  foldEvent,
  SEGMENT_FEATURES,
  segmentFeatures,
  type CatalogIndex,
  type IntentModel,
  type SegmentCentroids,
  type StoredEvent,
} from '@insitu/core';
import { kmeans } from './kmeans.ts';

/** Plain-words names of a centroid far above (first) or below (second) the average on a feature. */
const WORDS: Record<(typeof SEGMENT_FEATURES)[number], [string, string]> = {
  visits: ['frequent-visitors', 'rare-visitors'],
  orders: ['frequent-buyers', 'occasional-buyers'],
  monetary: ['big-spenders', 'small-spenders'],
  relativePrice: ['premium-shoppers', 'bargain-seekers'],
  intent: ['ready-to-buy', 'low-intent'],
  churn: ['lapsing', 'active'],
  views: ['heavy-browsers', 'light-browsers'],
  adds: ['cart-fillers', 'few-carts'],
  sentiment: ['happy-reviewers', 'critical-reviewers'],
};

/**
 * How much a feature's distance from the average counts when naming: intent is the state of the
 * current session, so it says less about who the shopper is than their visits and orders do.
 */
const NAMING_WEIGHT: Partial<Record<(typeof SEGMENT_FEATURES)[number], number>> = { intent: 0.5 };

/**
 * A user's `segmentFeatures` at `now`, read from the same `buildProfile` the worker runs, so the
 * centroids live in exactly the space the device assigns in.
 */
export function userSegmentFeatures(
  events: readonly StoredEvent[],
  index: CatalogIndex,
  now: number,
  intentModel?: IntentModel,
): number[] {
  const state = createProfileState();
  for (const e of events) foldEvent(state, e, index);
  const p = buildProfile(state, index, now, intentModel === undefined ? {} : { intentModel });
  return segmentFeatures({
    visits: state.visits.count,
    orders: state.orders.count,
    monetary: state.orders.revenue / (index.medianPrice || 1),
    relativePrice: p.priceBand.relative ?? 0.5,
    intent: p.intent.purchase,
    churn: p.churn.risk,
    views: state.counts.view ?? 0,
    adds: state.counts.add ?? 0,
    sentiment: p.sentiment.score,
  });
}

/** Names each centroid by its most distinctive feature (largest weighted |z|), adding the next on a clash. */
export function nameCentroids(centers: readonly number[][]): string[] {
  const ranked = centers.map((c) =>
    c
      .map((z, j) => ({ j, z: z * (NAMING_WEIGHT[SEGMENT_FEATURES[j]!] ?? 1) }))
      .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.j - b.j)
      .map(({ j, z }) => WORDS[SEGMENT_FEATURES[j]!][z >= 0 ? 0 : 1]),
  );
  const first = ranked.map((r) => r[0]!);
  const names = ranked.map((r, i) =>
    first.filter((f) => f === first[i]).length > 1 ? `${r[0]}-${r[1]}` : r[0]!,
  );
  return names.map((name, i) =>
    names.indexOf(name) === i
      ? name
      : `${name}-${names.slice(0, i).filter((x) => x === name).length + 1}`,
  );
}

/**
 * Standardises the users' feature vectors, clusters them with seeded k-means (dropping centroids
 * that hold under 2% of the users) and names the centroids. `k` defaults to 5 (fewer with few
 * users: at least 10 users per centroid). Returns null when there are under 20 users or fewer than
 * two groups survive.
 */
export function fitSegmentCentroids(
  vectors: readonly number[][],
  random: () => number,
  k = 5,
): (SegmentCentroids & { sizes: number[] }) | null {
  const n = vectors.length;
  if (n < 20) return null;
  const d = SEGMENT_FEATURES.length;
  const mean = new Array<number>(d).fill(0);
  const sq = new Array<number>(d).fill(0);
  for (const v of vectors) v.forEach((x, j) => ((mean[j]! += x / n), (sq[j]! += (x * x) / n)));
  const scale = mean.map((m, j) => {
    const sd = Math.sqrt(Math.max(0, sq[j]! - m * m));
    return sd > 1e-9 ? sd : 1;
  });
  // Clipped at ±3 so a handful of extreme shoppers cannot claim centroids of their own.
  const z = vectors.map((v) =>
    Float32Array.from(v, (x, j) => Math.max(-3, Math.min(3, (x - mean[j]!) / scale[j]!))),
  );
  const sizesOf = (centers: number[][]) => {
    const sizes = centers.map(() => 0);
    for (const v of z) {
      let best = 0;
      let bestD = Infinity;
      centers.forEach((c, i) => {
        const dist = c.reduce((s, x, j) => s + (x - v[j]!) ** 2, 0);
        if (dist < bestD) [best, bestD] = [i, dist];
      });
      sizes[best]! += 1;
    }
    return sizes;
  };
  let centers = kmeans(z, Math.min(k, Math.floor(n / 10)), random, 25).map((c) =>
    Array.from(c, (x) => Math.round(x * 1e4) / 1e4),
  );
  // A centroid holding under 2% of the shoppers is an outlier group, not a segment.
  const kept = sizesOf(centers);
  centers = centers.filter((_, i) => kept[i]! >= 0.02 * n);
  if (centers.length < 2) return null; // one group is no segmentation (e.g. logs of reviews alone)
  const sizes = sizesOf(centers);
  const names = nameCentroids(centers);
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    features: [...SEGMENT_FEATURES],
    mean: mean.map(r4),
    scale: scale.map(r4),
    centroids: centers.map((center, i) => ({ id: names[i]!, center })),
    sizes,
  };
}
