import {
  INTENT_FEATURES,
  type IntentFeature,
  type IntentModel,
  type SegmentCentroids,
} from '@insitu/core';

/** `intent.json`: the purchase-intent weights `insitu build` fitted (or kept) for the profile. */
export interface IntentArtifact {
  /** Must equal `INTENT_FEATURES`; the loader ignores the file otherwise. */
  features: string[];
  bias: number;
  weights: Record<string, number>;
  /** False when the defaults were kept; `reason` says why (e.g. the logs have no purchases). */
  fitted: boolean;
  reason?: string;
  /** Session prefixes trained on, and how many of them went on to a purchase. */
  examples: number;
  positives: number;
  /** AUC on held-out users' sessions, fitted vs `DEFAULT_INTENT_MODEL` (null: none to judge). */
  auc: { fitted: number; default: number; examples: number } | null;
}

/** Segment centroids as shipped: the profile's shape plus how many users each one holds. */
export type ArtifactCentroids = SegmentCentroids & { sizes?: number[] };

/** What the artifact carries for the on-device profile (absent in older or log-less builds). */
export interface ProfileParts {
  /** Written as centroids.json; null when the logs have too few users to cluster. */
  centroids: ArtifactCentroids | null;
  intent: IntentArtifact;
}

/** The intent model in `intent.json`, or undefined when it is missing or from another version. */
export function parseIntentModel(json: unknown): IntentModel | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const a = json as Partial<IntentArtifact>;
  const f = a.features;
  const w = a.weights;
  const ok =
    Array.isArray(f) &&
    f.length === INTENT_FEATURES.length &&
    f.every((x, i) => x === INTENT_FEATURES[i]) &&
    typeof a.bias === 'number' &&
    typeof w === 'object' &&
    w !== null &&
    INTENT_FEATURES.every((name) => typeof w[name] === 'number' && Number.isFinite(w[name]));
  if (!ok) return undefined;
  const weights = Object.fromEntries(INTENT_FEATURES.map((n) => [n, w[n]!])) as Record<
    IntentFeature,
    number
  >;
  return { bias: a.bias!, weights };
}
