import { InsituError } from '../errors.ts';
import type { SegmentMatch } from './segments.ts';

/**
 * Inputs of nearest-centroid segments, in order. The model artifact's centroids are fitted on
 * these (`insitu build` folds each user's events, builds the profile and calls `segmentFeatures`).
 */
export const SEGMENT_FEATURES = [
  'visits',
  'orders',
  'monetary',
  'relativePrice',
  'intent',
  'churn',
  'views',
  'adds',
  'sentiment',
] as const;

/** The raw values `segmentFeatures` reads. */
export interface SegmentFeatureInputs {
  visits: number;
  orders: number;
  /** Total spent, in multiples of the catalog's median price. */
  monetary: number;
  /** 0…1, 0.5 when unknown. */
  relativePrice: number;
  intent: number;
  churn: number;
  views: number;
  adds: number;
  sentiment: number;
}

/** Centroids from the model artifact, in the space of `SEGMENT_FEATURES` (optionally scaled). */
export interface SegmentCentroids {
  /** Must equal `SEGMENT_FEATURES`; a mismatch means the artifact is from another version. */
  features: readonly string[];
  /** Per-feature mean and scale used when fitting: x' = (x − mean) / scale. */
  mean?: number[];
  scale?: number[];
  centroids: { id: string; center: number[] }[];
}

/** The feature vector, counts as log(1 + n) so one heavy shopper does not stretch the space. */
export function segmentFeatures(x: SegmentFeatureInputs): number[] {
  return [
    Math.log1p(x.visits),
    Math.log1p(x.orders),
    Math.log1p(x.monetary),
    x.relativePrice,
    x.intent,
    x.churn,
    Math.log1p(x.views),
    Math.log1p(x.adds),
    x.sentiment,
  ];
}

/** The closest centroid as a `cluster` segment, scored exp(−d²/2) in the scaled space. */
export function nearestCentroid(features: readonly number[], c: SegmentCentroids): SegmentMatch {
  if (
    c.features.length !== SEGMENT_FEATURES.length ||
    c.features.some((f, i) => f !== SEGMENT_FEATURES[i])
  ) {
    throw new InsituError(
      'artifact_mismatch',
      `Segment centroids use features [${c.features.join(', ')}]; this SDK expects [${SEGMENT_FEATURES.join(', ')}]. Rebuild the model artifact.`,
      { field: 'centroids.features' },
    );
  }
  const x = features.map((v, i) => (v - (c.mean?.[i] ?? 0)) / (c.scale?.[i] || 1));
  let best: { id: string; d2: number } | undefined;
  for (const { id, center } of c.centroids) {
    let d2 = 0;
    for (let i = 0; i < x.length; i++) d2 += ((x[i] ?? 0) - (center[i] ?? 0)) ** 2;
    if (best === undefined || d2 < best.d2) best = { id, d2 };
  }
  if (best === undefined) {
    throw new InsituError('artifact_mismatch', 'Segment centroids list is empty.', {
      field: 'centroids.centroids',
    });
  }
  return {
    id: best.id,
    score: Math.round(Math.exp(-best.d2 / 2) * 1000) / 1000,
    kind: 'cluster',
    because: { distance: Math.round(Math.sqrt(best.d2) * 1000) / 1000 },
  };
}
