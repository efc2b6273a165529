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
  iterations?: number;
  prior?: IntentModel;
}

/**
 * Logistic regression by Nesterov-accelerated full-batch gradient descent, with an L2 penalty
 * towards the prior (the documented defaults) rather than towards zero: a feature the logs never
 * show (e.g. checkout in a CSV log, `ordered`, which examples never have) keeps its default weight
 * instead of being silenced. The step is 1/L from a bound on the curvature, so it converges without
 * tuning; same data, same weights.
 */
export function fitIntentModel(
  examples: readonly IntentExample[],
  o: IntentFitOptions = {},
): IntentModel {
  const prior = o.prior ?? DEFAULT_INTENT_MODEL;
  const d = INTENT_FEATURES.length;
  const n = examples.length;
  if (n === 0) return prior;
  const X = new Float64Array(n * d);
  const y = new Float64Array(n);
  examples.forEach((e, i) => {
    INTENT_FEATURES.forEach((f, j) => (X[i * d + j] = e.x[f]));
    y[i] = e.bought ? 1 : 0;
  });
  const lambda = (o.priorStrength ?? 50) / n;
  const w0 = Float64Array.from([prior.bias, ...INTENT_FEATURES.map((f) => prior.weights[f])]);
  // Curvature bound of the mean log-loss: ¼·E‖(1, x)‖² + λ.
  let trace = 1;
  for (let k = 0; k < X.length; k++) trace += (X[k]! * X[k]!) / n;
  const step = 1 / (0.25 * trace + lambda);
  let w = Float64Array.from(w0);
  let prev = Float64Array.from(w0);
  const grad = new Float64Array(d + 1);
  for (let it = 1; it <= (o.iterations ?? 400); it++) {
    const v = w.map((wi, j) => wi + ((it - 1) / (it + 2)) * (wi - prev[j]!));
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let z = v[0]!;
      for (let j = 0; j < d; j++) z += v[j + 1]! * X[i * d + j]!;
      const r = 1 / (1 + Math.exp(-z)) - y[i]!;
      grad[0]! += r;
      for (let j = 0; j < d; j++) grad[j + 1]! += r * X[i * d + j]!;
    }
    prev = w;
    w = v.map((vj, j) => vj - step * (grad[j]! / n + (j === 0 ? 0 : lambda * (vj - w0[j]!))));
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
