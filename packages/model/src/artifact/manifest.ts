import type { BlendWeights } from '../blend.ts';

/** Version of the artifact layout; the loader refuses other versions. */
export const FORMAT_VERSION = 2;

/** Ranking quality on the build's validation holdout (the last items of sampled users). */
export interface HoldoutFigures {
  users: number;
  hr10: number;
  ndcg10: number;
  mrr10: number;
  /** NDCG over the top 100: smoother than the @10 figures, so small holdouts tune more reliably. */
  ndcg100: number;
}

/** `manifest.json`: everything needed to load and check the other files. */
export interface ArtifactManifest {
  format: 'insitu-model';
  formatVersion: number;
  /** ISO time of the build. */
  createdAt: string;
  seed: number;
  /** `catalogHash()` of the catalog the model was built for; null when built from logs alone. */
  catalogHash: string | null;
  itemCount: number;
  dims: number;
  /** The shop's item id of each row, in row order. */
  itemIds: string[];
  /** 'sequence' = trained encoder; 'content' = catalog text/categories only (no logs). */
  kind: 'sequence' | 'content';
  /** Encoder shape; null for a content-only artifact (the user vector is a mean of item vectors). */
  encoder: { maxLen: number; kinds: string[] } | null;
  blend: BlendWeights;
  /**
   * What `neighbours.bin` holds: sequential co-visitation (default when absent) or EASE item
   * weights, whichever the build's holdout preferred; both are read and scored the same way.
   */
  neighbours?: 'covis' | 'ease';
  /** Half-life of the popularity decay, in the logs' time unit (null = no decay). */
  popularityHalfLife: number | null;
  /** Bytes of every file, relative to the manifest; the loader checks them. */
  files: Record<string, number>;
  /** Validation figures of the blend and of each signal alone (absent when there was no holdout). */
  eval: Record<string, HoldoutFigures>;
  /** What the profile fit found (absent for builds without logs): see intent.json / centroids.json. */
  profile?: {
    /** Names of the segment centroids (empty: too few users to cluster). */
    segments: string[];
    intent: 'fitted' | 'default';
    /** Why the intent defaults were kept. */
    reason?: string;
    /** Held-out AUC of the fitted intent weights and of the defaults. */
    auc?: { fitted: number; default: number };
  };
  training: {
    users: number;
    interactions: number;
    seconds: number;
    backend: string;
    /** Encoder epochs of the kept weights (the holdout's best epoch). */
    epochs: number;
  };
}

/** Names of the files next to `manifest.json`. */
export const FILES = {
  manifest: 'manifest.json',
  embeddings: 'embeddings.bin',
  encoderJson: 'encoder/model.json',
  encoderWeights: 'encoder/weights.bin',
  neighbours: 'neighbours.bin',
  /** Optional: content neighbours, present when `blend.content` > 0. */
  contentNeighbours: 'content-neighbours.bin',
  /** Optional: co-visitation beside EASE neighbours, present when `blend.sequence` > 0. */
  sequenceNeighbours: 'sequence-neighbours.bin',
  popularity: 'popularity.bin',
  centroids: 'centroids.json',
  intent: 'intent.json',
} as const;
