/** Ranking quality at a cutoff of 10, averaged over users. */
export interface RankMetrics {
  hr10: number;
  ndcg10: number;
  mrr10: number;
}

/** The target's standing among candidates: how many score strictly higher, how many the same. */
export interface RankCounts {
  higher: number;
  ties: number;
}

/**
 * Expected HR@k, NDCG@k and MRR@k for one target that `higher` candidates beat and `ties` others
 * equal: ties are broken uniformly at random, so the target sits at each of the positions
 * higher+1 … higher+ties+1 with equal probability, and each metric is averaged over them.
 */
export function expectedMetrics(counts: RankCounts, k = 10): RankMetrics {
  const first = counts.higher + 1;
  const last = Math.min(counts.higher + counts.ties + 1, k);
  let hr = 0;
  let ndcg = 0;
  let mrr = 0;
  for (let p = first; p <= last; p++) {
    hr += 1;
    ndcg += 1 / Math.log2(p + 1);
    mrr += 1 / p;
  }
  const n = counts.ties + 1;
  return { hr10: hr / n, ndcg10: ndcg / n, mrr10: mrr / n };
}

/**
 * Counts candidates scoring above and equal to `target`. Items with `excluded[i] = 1` are not
 * candidates. A NaN score counts as the lowest possible, so a broken scorer cannot win by ties.
 */
export function rankCounts(
  scores: Float32Array,
  target: number,
  excluded: Uint8Array,
  candidates?: ArrayLike<number>,
): RankCounts {
  const raw = scores[target]!;
  const t = Number.isNaN(raw) ? -Infinity : raw;
  let higher = 0;
  let ties = 0;
  if (candidates === undefined) {
    for (let i = 0; i < scores.length; i++) {
      if (i === target || excluded[i] === 1) continue;
      const v = scores[i]!;
      if (v > t) higher++;
      else if (v === t) ties++;
    }
  } else {
    for (let j = 0; j < candidates.length; j++) {
      const v = scores[candidates[j]!]!;
      if (v > t) higher++;
      else if (v === t) ties++;
    }
  }
  return { higher, ties };
}

/** 95% confidence half-widths of the mean HR@10 and NDCG@10 over users. */
export interface HalfWidths {
  hr10: number;
  ndcg10: number;
}

/** Running sum of metrics, for averaging over users. */
export class MetricsSum {
  private hr = 0;
  private ndcg = 0;
  private mrr = 0;
  private hr2 = 0;
  private ndcg2 = 0;
  private n = 0;

  add(m: RankMetrics): void {
    this.hr += m.hr10;
    this.ndcg += m.ndcg10;
    this.mrr += m.mrr10;
    this.hr2 += m.hr10 * m.hr10;
    this.ndcg2 += m.ndcg10 * m.ndcg10;
    this.n += 1;
  }

  /**
   * Normal-approximation 95% half-widths, 1.96 · sd / √n with the sample sd over users: users
   * are the independent unit of the protocol, and at thousands of them the mean is close to normal.
   */
  halfWidths(): HalfWidths {
    const n = this.n;
    if (n < 2) return { hr10: 0, ndcg10: 0 };
    const half = (sum: number, sq: number) =>
      (1.96 * Math.sqrt(Math.max(0, (sq - (sum * sum) / n) / (n - 1)))) / Math.sqrt(n);
    return { hr10: half(this.hr, this.hr2), ndcg10: half(this.ndcg, this.ndcg2) };
  }

  /** The means (zeros when nothing was added). */
  mean(): RankMetrics {
    const n = Math.max(this.n, 1);
    return { hr10: this.hr / n, ndcg10: this.ndcg / n, mrr10: this.mrr / n };
  }
}
