import { seededRandom, type HistoryEntry, type ShopperState } from '@insitu/core';
import type { InsituModel } from '../insitu-model.ts';

/**
 * The personal head: a vector `offset`, scored against the shop's frozen item embeddings and
 * added to the global model's blended score: `score(i) = blend(i) + temperature · offset · item(i)`
 * (`InsituModel.scoreHistory(history, head)`). It is trained on the device from the shopper's
 * own reactions (`learningExamples`) with a sampled softmax over `blend / temperature + offset ·
 * item` (`head-trainer.ts`), so items the global model ranks high and the shopper skips pull it
 * away, and items they take that it ranked low pull it closer. `insitu eval --personal` trains it
 * the same way on replayed impressions.
 */
export interface HeadOptions {
  /** The latest positives trained on. */
  maxExamples: number;
  /** Items shown before a positive and skipped, taken as its negatives (most recent first). */
  skipped: number;
  /** Uniformly sampled negatives per positive. */
  sampled: number;
  /** Gradient steps per training round. */
  steps: number;
  /** Step size of gradient descent on the offset. */
  rate: number;
  /** L2 pull of the offset towards zero (the global model). */
  l2: number;
  /** New interactions or showings since the last round before the next one runs. */
  minNew: number;
  /**
   * Softmax temperature of the blended scores, as a fraction of the blend's range (the sum of its
   * weights, see `headTemperature`): smaller lets the head's term count for less.
   */
  temperature: number;
}

/**
 * Defaults, chosen with `insitu eval --personal --target valid` on the two shared datasets (see
 * the README's learning table). Skipped items as negatives lowered validation HR@10 on both
 * (Beauty 0.0530 → 0.0480 with 2, online-retail 0.0303 → 0.0291): what a shopper skipped is often
 * near what they take next, so the head leaves skips to rotation, which demotes the item alone.
 */
export const HEAD_DEFAULTS: HeadOptions = {
  maxExamples: 32,
  skipped: 0,
  sampled: 16,
  steps: 20,
  rate: 0.5,
  l2: 0.05,
  minNew: 3,
  temperature: 0.1,
};

/** The absolute temperature of a head for `model`: `options.temperature` × the blend's range. */
export function headTemperature(model: InsituModel, options: Pick<HeadOptions, 'temperature'>) {
  const b = model.manifest.blend;
  return options.temperature * (b.model + b.covis + b.popularity || 1);
}

/** One positive with its context and negatives, over model rows. */
export interface HeadExample {
  /** The history before the positive (oldest first), as the model would have read it. */
  context: HistoryEntry[];
  positive: number;
  negatives: number[];
  /** The global model's blended scores of `[positive, ...negatives]` in the context (`scoreExamples`). */
  scores?: number[];
}

/**
 * Scores each example's candidates with the global model in the example's context; `scoresOf`
 * may answer from scores already computed for that context (the eval's replay has them).
 */
export async function scoreExamples(
  model: InsituModel,
  examples: HeadExample[],
  scoresOf: (context: HistoryEntry[]) => Promise<Float32Array> | Float32Array = (c) =>
    model.scoreHistory(c),
): Promise<void> {
  for (const ex of examples) {
    const scores = await scoresOf(ex.context);
    ex.scores = [ex.positive, ...ex.negatives].map((i) => scores[i]!);
  }
}

/**
 * Training examples from core's shopper state: each history item (viewed, clicked, added, bought,
 * reviewed) is a positive in the context of the history before it; items shown before it and
 * never engaged with (`state.shown`) are its first negatives, then uniform samples. Items the
 * model does not know are skipped; with `since` (a reset of what was learned), positives and
 * showings before it are not learned from. Deterministic for a given state.
 */
export function learningExamples(
  state: Pick<ShopperState, 'history' | 'shown'>,
  rowOf: (id: string) => number | undefined,
  itemCount: number,
  options: Pick<HeadOptions, 'maxExamples' | 'skipped' | 'sampled'> = HEAD_DEFAULTS,
  since = -Infinity,
): HeadExample[] {
  const history: HistoryEntry[] = [];
  for (const h of state.history) {
    const item = rowOf(h.id);
    if (item !== undefined) history.push({ item, ts: h.ts, kind: h.kind });
  }
  const shown: { item: number; first: number }[] = [];
  for (const s of state.shown) {
    const item = rowOf(s.id);
    const first = s.ts.find((t) => t >= since);
    if (item !== undefined && first !== undefined) shown.push({ item, first });
  }
  const random = seededRandom(history.length * 7919 + shown.length);
  const out: HeadExample[] = [];
  const first = Math.max(1, history.length - options.maxExamples);
  for (let k = first; k < history.length; k++) {
    const positive = history[k]!;
    if (positive.ts < since) continue;
    const context = history.slice(0, k);
    const taken = new Set<number>([positive.item]);
    const negatives: number[] = [];
    for (let j = shown.length - 1; j >= 0 && negatives.length < options.skipped; j--) {
      const s = shown[j]!;
      if (s.first < positive.ts && !taken.has(s.item)) {
        taken.add(s.item);
        negatives.push(s.item);
      }
    }
    const want = negatives.length + options.sampled;
    for (let tries = 0; negatives.length < want && tries < 4 * options.sampled; tries++) {
      const r = Math.floor(random() * itemCount);
      if (!taken.has(r)) {
        taken.add(r);
        negatives.push(r);
      }
    }
    out.push({ context, positive: positive.item, negatives });
  }
  return out;
}

/**
 * The examples of several heads as flat arrays for `HeadTrainer`: per head, `examples` rows of
 * `candidates` (the positive first), padded. `base` holds each candidate's frozen logit (the
 * global model's blended score in the example's context / temperature; −1e9 marks padding),
 * `vectors` the candidates' item vectors, `weights` 1 / (examples of the head) per example.
 */
export interface HeadBatch {
  heads: number;
  examples: number;
  candidates: number;
  dims: number;
  vectors: Float32Array;
  base: Float32Array;
  weights: Float32Array;
}

/** Lays out scored examples (`scoreExamples`) for training against `model`'s item vectors. */
export function headBatch(
  model: InsituModel,
  perHead: readonly HeadExample[][],
  temperature = headTemperature(model, HEAD_DEFAULTS),
): HeadBatch {
  const d = model.dims;
  const heads = perHead.length;
  const examples = Math.max(1, ...perHead.map((e) => e.length));
  const candidates = Math.max(2, ...perHead.flat().map((e) => 1 + e.negatives.length));
  const vectors = new Float32Array(heads * examples * candidates * d);
  const base = new Float32Array(heads * examples * candidates).fill(-1e9);
  const weights = new Float32Array(heads * examples);
  const table = model.itemVectors;
  for (let b = 0; b < heads; b++) {
    const list = perHead[b]!;
    for (let e = 0; e < list.length; e++) {
      const ex = list[e]!;
      if (ex.scores === undefined)
        throw new Error('headBatch needs scored examples (scoreExamples)');
      weights[b * examples + e] = 1 / list.length;
      [ex.positive, ...ex.negatives].forEach((item, c) => {
        const at = (b * examples + e) * candidates + c;
        vectors.set(table.subarray(item * d, (item + 1) * d), at * d);
        base[at] = ex.scores![c]! / temperature;
      });
    }
  }
  return {
    heads,
    examples,
    candidates,
    dims: d,
    vectors,
    base,
    weights,
  };
}
