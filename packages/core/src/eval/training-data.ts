import type { ItemMeta } from '../dataset.ts';
import type { HistoryEntry, Scorer } from '../scoring.ts';

/**
 * What a model is fitted on: the train part of every user's history (chronological, each item at
 * most once per user under the eval protocol). At test time a scorer also sees items it was not
 * fitted on (the validation item), so it must not assume histories come from `sequences`.
 */
export interface TrainingData {
  /** Size of the vocabulary; every `HistoryEntry.item` is below it and scorers fill this many scores. */
  itemCount: number;
  /** Index → the shop's item id. */
  itemIds: string[];
  /** One chronological sequence per user (users may be empty only if the caller allows it). */
  sequences: HistoryEntry[][];
  /** Item metadata by index (title, categories, price) when the dataset has it. */
  items?: ItemMeta[];
  /**
   * The validation item of each user (aligned with `sequences`), for baselines that choose their
   * settings on the validation split. Never fitted on; the insitu model keeps its own holdout.
   */
  validation?: HistoryEntry[];
  /** Seed for every random choice of the fit, so results are reproducible. */
  seed: number;
}

/** Options every fit accepts; models may read more fields of their own. */
export interface FitOptions {
  /** Called with progress in [0, 1] and a short label, for a progress bar. */
  onProgress?: (fraction: number, label: string) => void;
  [key: string]: unknown;
}

/** Fits a model on training data and returns something that ranks items for a history. */
export type FitScorer = (data: TrainingData, options?: FitOptions) => Promise<Scorer>;

/**
 * Optional fast path: a scorer that can score many histories at once (e.g. one matMul per batch).
 * `out` holds `histories.length × itemCount` scores, row by row.
 */
export interface BatchScorer extends Scorer {
  scoreBatch(
    histories: readonly (readonly HistoryEntry[])[],
    out: Float32Array,
  ): void | Promise<void>;
}
