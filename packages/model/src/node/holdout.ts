import type { HistoryEntry } from '@insitu/core';
import type { HoldoutFigures } from '../artifact/manifest.ts';

/** One validation case: a history and the item that came next. */
export interface HoldoutCase {
  history: readonly HistoryEntry[];
  target: number;
  /** When the target happened. */
  ts: number;
}

/** Most holdout cases one shopper gives (see `splitHoldout`). */
export const MAX_CASES_PER_USER = 3;

/**
 * Splits off the last item of up to `maxCases` randomly chosen users with at least two items:
 * the returned sequences are what the model is fitted on while the cases tune the blend. When
 * there are fewer such users than `maxCases`, a user gives up to MAX_CASES_PER_USER cases (their
 * last items, each with the history before it), but no more than one per 10 items of history, so
 * short histories keep what they have: a shop of a thousand long histories then tunes on three
 * thousand cases instead of a thousand, and its blend is chosen with √3 less noise.
 *
 * Every other chosen user's cases are also returned as `stop`, which judge the encoder's epochs
 * (early stop). Judged on all cases, the best of several epochs looks better on them than it is,
 * and the blend then trusts the encoder too much: on a proxy of anonymous sessions (676 cases)
 * it took the encoder at weight 10 and scored 0.81× popularity in the eval; with the early stop
 * judged on half of the shoppers it keeps popularity (`packages/model/README.md`).
 */
export function splitHoldout(
  sequences: readonly (readonly HistoryEntry[])[],
  maxCases: number,
  random: () => number,
): { train: (readonly HistoryEntry[])[]; cases: HoldoutCase[]; stop: HoldoutCase[] } {
  const eligible = sequences.flatMap((s, i) => (s.length >= 2 ? [i] : []));
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const perUser = Math.max(
    1,
    Math.min(MAX_CASES_PER_USER, Math.floor(maxCases / Math.max(1, eligible.length))),
  );
  // Position in the shuffled order: users at odd positions also judge the early stop.
  const chosen = new Map(eligible.slice(0, maxCases).map((user, k) => [user, k] as const));
  const train: (readonly HistoryEntry[])[] = [];
  const cases: HoldoutCase[] = [];
  const stop: HoldoutCase[] = [];
  sequences.forEach((s, i) => {
    const position = chosen.get(i);
    if (position === undefined) {
      train.push(s);
      return;
    }
    const k = Math.min(perUser, Math.max(1, Math.floor(s.length / 10)));
    train.push(s.slice(0, -k));
    for (let end = s.length - k; end < s.length; end++) {
      const c = { history: s.slice(0, end), target: s[end]!.item, ts: s[end]!.ts };
      cases.push(c);
      if (position % 2 === 1) stop.push(c);
    }
  });
  return { train, cases, stop };
}

/**
 * HR@10, NDCG@10, MRR@10 and NDCG@100 of a target among all items not in the history; ties count
 * at their expected rank (as `insitu eval` does).
 */
export function rankFigures(
  scores: Float32Array,
  c: HoldoutCase,
  seen: Uint8Array,
): [number, number, number, number] {
  const t = scores[c.target]!;
  let above = 0;
  let ties = 0;
  for (let i = 0; i < scores.length; i++) {
    if (seen[i] === 1 || i === c.target) continue;
    const s = scores[i]!;
    if (s > t) above++;
    else if (s === t) ties++;
  }
  let hr = 0;
  let ndcg = 0;
  let mrr = 0;
  let ndcg100 = 0;
  for (let r = above; r <= above + ties && r < 100; r++) {
    ndcg100 += 1 / Math.log2(r + 2);
    if (r >= 10) continue;
    hr += 1;
    ndcg += 1 / Math.log2(r + 2);
    mrr += 1 / (r + 1);
  }
  const k = ties + 1;
  return [hr / k, ndcg / k, mrr / k, ndcg100 / k];
}

/**
 * Mean figures of a scoring function over the cases. When `perCase` is given, it receives each
 * case's HR@10 + NDCG@10 + NDCG@100 (the tuning criterion), for paired noise estimates.
 */
export function holdoutFigures(
  cases: readonly HoldoutCase[],
  score: (i: number) => Float32Array,
  itemCount: number,
  perCase?: Float64Array,
): HoldoutFigures {
  const sum = [0, 0, 0, 0];
  const seen = new Uint8Array(itemCount);
  cases.forEach((c, i) => {
    for (const e of c.history) seen[e.item] = 1;
    const f = rankFigures(score(i), c, seen);
    for (const e of c.history) seen[e.item] = 0;
    for (let k = 0; k < 4; k++) sum[k]! += f[k]!;
    if (perCase !== undefined) perCase[i] = f[0] + f[1] + f[3];
  });
  const n = Math.max(1, cases.length);
  const r = (x: number) => Math.round((x / n) * 1e4) / 1e4;
  return {
    users: cases.length,
    hr10: r(sum[0]!),
    ndcg10: r(sum[1]!),
    mrr10: r(sum[2]!),
    ndcg100: r(sum[3]!),
  };
}

/**
 * What the build maximises on its holdout: HR@10 and NDCG@10 are what the eval reports, but on a
 * few hundred cases they move in steps of single hits; NDCG@100 sees every target ranked near the
 * top, which steadies the choice.
 */
export const holdoutScore = (f: HoldoutFigures): number => f.hr10 + f.ndcg10 + f.ndcg100;

/**
 * Standard error of the mean paired difference between two per-case criteria: how far apart two
 * candidates must be on this holdout before the difference is more than noise.
 */
export function pairedStandardError(a: Float64Array, b: Float64Array): number {
  const n = a.length;
  if (n < 2) return Infinity;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i]! - b[i]!;
  mean /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (a[i]! - b[i]! - mean) ** 2;
  return Math.sqrt(v / (n - 1) / n);
}
