import type { HistoryEntry, Scorer } from '../scoring.ts';
import { expectedMetrics, MetricsSum, rankCounts } from './metrics.ts';
import type { HalfWidths, RankMetrics } from './metrics.ts';
import { sampleNegatives, seededRandom } from './random.ts';
import type { LeaveOneOut } from './split.ts';
import type { BatchScorer } from './training-data.ts';

/** How `evaluateScorer` runs. */
export interface EvalOptions {
  /** `test` (default) scores the last item with the validation item in the history; `valid` scores the second-last from train only (for tuning). */
  target?: 'test' | 'valid';
  /** Negatives per user for the sampled metrics (default 100). */
  negatives?: number;
  /** Seed of the negative sampler (default 42); the same seed gives every model the same negatives. */
  seed?: number;
  /** Histories per `scoreBatch` call when the scorer has one (default 256). */
  batchSize?: number;
  /** Evaluate only the first N users (quick tuning runs). */
  maxUsers?: number;
}

/** Metrics of one model: full ranking over all unseen items, and against sampled negatives. */
export interface EvalResult {
  full: RankMetrics;
  sampled: RankMetrics;
  /** 95% half-widths of the full-ranking HR@10 and NDCG@10 (normal approximation over users). */
  halfWidth95: HalfWidths;
  users: number;
}

const hasBatch = (s: Scorer): s is BatchScorer =>
  typeof (s as Partial<BatchScorer>).scoreBatch === 'function';

/**
 * Runs the leave-one-out protocol for one fitted scorer: for each user, scores every item given
 * the history, drops the history's items from the candidates, and averages HR/NDCG/MRR@10 with
 * ties at their expected rank — over all remaining items and over 100 sampled negatives.
 */
export async function evaluateScorer(
  split: LeaveOneOut,
  scorer: Scorer,
  options: EvalOptions = {},
): Promise<EvalResult> {
  const { itemCount } = split;
  const target = options.target ?? 'test';
  const negatives = options.negatives ?? 100;
  const random = seededRandom(options.seed ?? 42);
  const users = Math.min(split.train.length, options.maxUsers ?? Infinity);
  const batchSize = hasBatch(scorer) ? Math.max(1, options.batchSize ?? 256) : 1;
  const scores = new Float32Array(batchSize * itemCount);
  const excluded = new Uint8Array(itemCount);
  const full = new MetricsSum();
  const sampled = new MetricsSum();

  const historyOf = (u: number): HistoryEntry[] =>
    target === 'test' ? [...split.train[u]!, split.valid[u]!] : split.train[u]!;

  for (let start = 0; start < users; start += batchSize) {
    const end = Math.min(start + batchSize, users);
    const histories: HistoryEntry[][] = [];
    for (let u = start; u < end; u++) histories.push(historyOf(u));
    if (hasBatch(scorer)) {
      scores.fill(0);
      await scorer.scoreBatch(histories, scores.subarray(0, histories.length * itemCount));
    }
    for (let b = 0; b < histories.length; b++) {
      const history = histories[b]!;
      const row = scores.subarray(b * itemCount, (b + 1) * itemCount);
      if (!hasBatch(scorer)) {
        row.fill(0);
        await scorer.score(history, row);
      }
      const u = start + b;
      const goal = (target === 'test' ? split.test[u] : split.valid[u])!.item;
      let seen = 0;
      for (const h of history) {
        if (excluded[h.item] === 1) continue;
        excluded[h.item] = 1;
        seen++;
      }
      full.add(expectedMetrics(rankCounts(row, goal, excluded)));
      const eligible = itemCount - seen - 1;
      const negs = sampleNegatives(random, itemCount, negatives, excluded, goal, eligible);
      sampled.add(expectedMetrics(rankCounts(row, goal, excluded, negs)));
      for (const h of history) excluded[h.item] = 0;
    }
  }
  return { full: full.mean(), sampled: sampled.mean(), halfWidth95: full.halfWidths(), users };
}
