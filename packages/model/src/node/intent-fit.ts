// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import {
  createProfileState,
  DEFAULT_INTENT_MODEL,
  foldEvent,
  INTENT_FEATURES,
  intentFeatures,
  purchaseIntent,
  SESSION_GAP_MS,
  type CatalogIndex,
  type IntentFeature,
  type IntentModel,
  type StoredEvent,
} from '@insitu/core';

/** One training example: the session's features after a prefix, and whether it went on to buy. */
export interface IntentExample {
  x: Record<IntentFeature, number>;
  bought: boolean;
}

/**
 * Replays one user's events through the profile fold and emits an example after every event of a
 * session up to (not including) its first Order Completed; the label says whether the session
 * still reached one. Sessions split by the fold's own SESSION_GAP_MS.
 */
export function intentExamples(
  events: readonly StoredEvent[],
  index: CatalogIndex,
): IntentExample[] {
  // Which events are followed by a purchase later in their session (scanned backwards).
  const later = new Array<boolean>(events.length).fill(false);
  let buys = false;
  for (let i = events.length - 1; i >= 0; i--) {
    const next = events[i + 1];
    if (next !== undefined && next.ts - events[i]!.ts > SESSION_GAP_MS) buys = false;
    later[i] = buys;
    if (events[i]!.name === 'Order Completed') buys = true;
  }
  const out: IntentExample[] = [];
  const state = createProfileState();
  let boughtThisSession = false;
  events.forEach((e, i) => {
    const prev = events[i - 1];
    if (prev === undefined || e.ts - prev.ts > SESSION_GAP_MS) boughtThisSession = false;
    foldEvent(state, e, index);
    if (e.name === 'Order Completed') boughtThisSession = true;
    if (!boughtThisSession) out.push({ x: intentFeatures(state, index, e.ts), bought: later[i]! });
  });
  return out;
}

/** Area under the ROC curve (Mann–Whitney, ties at their average rank); null with one class. */
export function auc(scores: readonly number[], labels: readonly boolean[]): number | null {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      if (labels[order[k]![1]]) {
        pos++;
        rankSum += rank;
      }
    }
    i = j;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return null;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Options of `fitIntentModel`. */
export interface IntentFitOptions {
  /** Pull towards the prior weights, in examples' worth (L2 on w − prior). Default 50. */
  priorStrength?: number;
  prior?: IntentModel;
}

/** Solves A·x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const pivot = M[c]![c]!;
    for (let r = c + 1; r < n; r++) {
      const f = M[r]![c]! / pivot;
      for (let k = c; k <= n; k++) M[r]![k]! -= f * M[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= M[r]![k]! * x[k]!;
    x[r] = s / M[r]![r]!;
  }
  return x;
}

/**
 * Logistic regression by Newton's method (exact up to rounding in a handful of steps, so there is
 * no learning rate to tune and the same data always gives the same weights), with an L2 penalty
 * towards the prior (the documented defaults) rather than towards zero: a feature the logs never
 * show (e.g. checkout in a CSV log, or `ordered`, which examples never have) keeps its default
 * weight instead of being silenced. A step that raises the loss is halved.
 */
export function fitIntentModel(
  examples: readonly IntentExample[],
  o: IntentFitOptions = {},
): IntentModel {
  const prior = o.prior ?? DEFAULT_INTENT_MODEL;
  const d = INTENT_FEATURES.length + 1;
  const n = examples.length;
  if (n === 0) return prior;
  // Row i: [1, features…]; column 0 is the (unpenalised) bias.
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  examples.forEach((e, i) => {
    X[i * d] = 1;
    INTENT_FEATURES.forEach((f, j) => (X[i * d + j + 1] = e.x[f]));
    y[i] = e.bought ? 1 : 0;
  });
  const lambda = (o.priorStrength ?? 50) / n;
  const w0 = [prior.bias, ...INTENT_FEATURES.map((f) => prior.weights[f])];
  const penalty = (w: number[], j: number) => (j === 0 ? 0 : lambda * (w[j]! - w0[j]!));
  const loss = (w: number[]) => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * X[i * d + j]!;
      // log(1 + e^z) − y·z, computed without overflow.
      l += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y[i]! * z;
    }
    let reg = 0;
    for (let j = 1; j < d; j++) reg += (w[j]! - w0[j]!) ** 2;
    return l / n + (lambda / 2) * reg;
  };
  let w = [...w0];
  let current = loss(w);
  for (let it = 0; it < 25; it++) {
    const g = new Array<number>(d).fill(0);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j]! * X[i * d + j]!;
      const p = 1 / (1 + Math.exp(-z));
      const r = p - y[i]!;
      const h = p * (1 - p);
      for (let j = 0; j < d; j++) {
        const xj = X[i * d + j]!;
        if (xj === 0) continue;
        g[j]! += r * xj;
        for (let k = 0; k <= j; k++) H[j]![k]! += h * xj * X[i * d + k]!;
      }
    }
    for (let j = 0; j < d; j++) {
      g[j] = g[j]! / n + penalty(w, j);
      for (let k = 0; k <= j; k++) H[k]![j] = H[j]![k] = H[j]![k]! / n;
      H[j]![j]! += (j === 0 ? 0 : lambda) + 1e-9;
    }
    const delta = solve(H, g);
    let t = 1;
    let next = w.map((wj, j) => wj - t * delta[j]!);
    let value = loss(next);
    while (value > current && t > 1e-3) {
      t /= 2;
      next = w.map((wj, j) => wj - t * delta[j]!);
      value = loss(next);
    }
    if (value > current) break;
    w = next;
    const moved = current - value;
    current = value;
    if (moved < 1e-10) break;
  }
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  return {
    bias: round(w[0]!),
    weights: Object.fromEntries(INTENT_FEATURES.map((f, j) => [f, round(w[j + 1]!)])) as Record<
      IntentFeature,
      number
    >,
  };
}

/** AUC of a model on examples. */
export function intentAuc(model: IntentModel, examples: readonly IntentExample[]): number | null {
  return auc(
    examples.map((e) => purchaseIntent(e.x, model)),
    examples.map((e) => e.bought),
  );
}
