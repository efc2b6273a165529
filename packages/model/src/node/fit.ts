import type { FitOptions, HistoryEntry, TrainingData } from '@insitu/core';
import { seededRandom } from '@insitu/core';
import type { ArtifactManifest } from '../artifact/manifest.ts';
import { FORMAT_VERSION } from '../artifact/manifest.ts';
import { encodeHistory } from '../encoder/forward.ts';
import { KINDS } from '../encoder/spec.ts';
import type { EncoderConfig, EncoderWeights } from '../encoder/spec.ts';
import { InsituModel } from '../insitu-model.ts';
import type { ModelParts } from '../insitu-model.ts';
import { quantizeRows } from '../quantize.ts';
import { dotRows, jsScoreEngine } from '../score-engine.ts';
import { buildContentParts } from './content-build.ts';
import { neighboursWithinBudget, optionalWithinBudget } from './artifact-budget.ts';
import { buildContentNeighbours, CONTENT_NEIGHBOURS } from './content-neighbours.ts';
import { fillUnseenFromContent } from './unseen-items.ts';
import type { ContentItem } from './content-vectors.ts';
import { buildCovisitation, COVIS_NEIGHBOURS, decayedPopularity, timeSpan } from './covis-build.ts';
import { chooseNeighbours, neighbourCandidates } from './choose-neighbours.ts';
import { holdoutFigures, holdoutScore, pairedStandardError, splitHoldout } from './holdout.ts';
import type { HoldoutCase } from './holdout.ts';
import { popularityAsOf } from './popularity-as-of.ts';
import { kmeans } from './kmeans.ts';
import { setupTraining } from './tf-setup.ts';
import { trainEncoder } from './train-encoder.ts';
import { tuneBlend } from './tune-blend.ts';

/** Options of `fitModel` / `fitInsitu`, on top of the eval's FitOptions. */
export interface InsituFitOptions extends FitOptions {
  /** Encoder epochs (default: by data size, 2–12). */
  epochs?: number;
  dims?: number;
  /** Negatives per training batch of the encoder's sampled softmax (default `negativesFor`). */
  negatives?: number;
  /** Recent items the encoder reads (default: from the history lengths, `historyLength`). */
  maxLen?: number;
  backend?: 'wasm' | 'cpu';
  /**
   * Holdout cases (default: up to 5000, fewer for big catalogs): the last items of sampled
   * users, `splitHoldout`. They tune the blend; those of every other user also judge the
   * encoder's early stop.
   */
  holdoutCases?: number;
  /** Catalog text/categories by item index: the content-only model, and vectors for items the logs never show. */
  content?: readonly ContentItem[];
  catalogHash?: string | null;
  /**
   * Whether EASE neighbours compete with the co-visitation variants for the neighbour signal on
   * the holdout (default true) for catalogs of at most `easeItems` items (default EASE_ITEMS),
   * with each λ of `easeLambdas` (default 20, 100, 500).
   */
  ease?: boolean;
  easeLambdas?: number[];
  easeItems?: number;
  /** Fixed creation time (ISO), so two builds with one seed are byte-identical. */
  createdAt?: string;
}

/**
 * Largest catalog for which EASE neighbours are tried: its dense solve (n³/2 multiply-adds per λ,
 * three λ on the holdout and one final) takes seconds at 4000 items but ~5 minutes per λ at 12k
 * on this 2-core class of machine, which would break the build's time budget.
 */
export const EASE_ITEMS = 4000;

/** The interactions needed before a sequence model is trained instead of a content model. */
export const MIN_INTERACTIONS = 20;

/**
 * How many recent items the encoder reads, from the shop's own history lengths: the 90th
 * percentile rounded up to a multiple of 8, within 16…64. Short-history shops keep 16 (longer
 * windows would be padding); shops with long histories (median in the tens) get up to 64, since a
 * window that cuts most histories short throws away the context the attention can use.
 */
export function historyLength(sequences: readonly (readonly HistoryEntry[])[]): number {
  const lengths = sequences.map((s) => s.length).sort((a, b) => a - b);
  const p90 = lengths[Math.floor(0.9 * (lengths.length - 1))] ?? 0;
  return Math.min(64, Math.max(16, Math.ceil(p90 / 8) * 8));
}

/**
 * Negatives shared by a training batch: up to 1024, or the whole catalog when it is smaller (then
 * the loss is close to a full softmax). Cross-entropy against many negatives is what makes
 * SASRec-style encoders rank well over the full catalog (Klenitskiy & Vasilev, RecSys 2023); on
 * Beauty's holdout the encoder alone went from HR@10 0.053 with 128 negatives to 0.095.
 */
export const negativesFor = (itemCount: number): number => Math.min(1024, itemCount);

const autoEpochs = (positions: number) =>
  Math.max(2, Math.min(12, Math.round(1.6e6 / Math.max(1, positions))));

/**
 * Fits everything the artifact holds: trains the encoder on the training sequences minus a holdout
 * item per sampled user, tunes the blend on those holdout items, then rebuilds co-visitation and
 * popularity on all sequences. With fewer than MIN_INTERACTIONS it builds a content-only model.
 */
export async function fitModel(data: TrainingData, o: InsituFitOptions = {}): Promise<ModelParts> {
  const t0 = performance.now();
  const progress = o.onProgress ?? (() => {});
  const sequences = data.sequences.filter((s) => s.length > 0);
  const interactions = sequences.reduce((a, s) => a + s.length, 0);
  const dims = o.dims ?? 32;
  const base = {
    format: 'insitu-model' as const,
    formatVersion: FORMAT_VERSION,
    createdAt: o.createdAt ?? new Date().toISOString(),
    seed: data.seed,
    catalogHash: o.catalogHash ?? null,
    itemCount: data.itemCount,
    dims,
    itemIds: data.itemIds.slice(0, data.itemCount),
  };
  if (interactions < MIN_INTERACTIONS) {
    const parts = buildContentParts(o.content ?? [], base, data.seed);
    parts.manifest.training = {
      users: sequences.length,
      interactions,
      seconds: (performance.now() - t0) / 1000,
      backend: 'none',
      epochs: 0,
    };
    progress(1, 'content model');
    return parts;
  }
  const random = seededRandom(data.seed);
  const maxCases = Math.max(
    50,
    Math.min(o.holdoutCases ?? 5000, Math.floor(2e7 / Math.max(1, data.itemCount))),
  );
  const { train, cases, stop } = splitHoldout(sequences, maxCases, random);
  const backend = await setupTraining(o.backend ?? 'wasm');
  const config: EncoderConfig = {
    dims,
    maxLen: o.maxLen ?? historyLength(train),
    itemCount: data.itemCount,
  };
  const epochs = o.epochs ?? autoEpochs(interactions);
  const { weights: encoder, epochs: trained } = await trainEncoder(train, config, {
    epochs,
    seed: data.seed,
    negatives: o.negatives ?? negativesFor(data.itemCount),
    onProgress: (f, loss) => progress(0.85 * f, `training encoder (loss ${loss.toFixed(2)})`),
    ...(stop.length > 0
      ? { judge: (w: EncoderWeights) => encoderHoldoutScore(w, config, stop) }
      : {}),
  });
  progress(0.86, 'tuning the blend');
  const itemTable = encoder['item']!.slice(dims);
  // The encoder's input rows are these same vectors (row 0 is padding), so both stay in step.
  const filled = fillUnseenFromContent(itemTable, dims, train, o.content ?? [], data.seed);
  if (filled > 0) encoder['item']!.set(itemTable, dims);
  const embeddings = quantizeRows(itemTable, data.itemCount, dims);
  const { halfLife, popularity } = chooseHalfLife(train, data.itemCount, cases);
  const draft = (
    nb: ModelParts['neighbours'],
    pop: Float32Array,
    manifest: ArtifactManifest,
  ): ModelParts => ({
    manifest,
    embeddings,
    encoder,
    neighbours: nb,
    popularity: pop,
    centroids: [],
  });
  const manifest: ArtifactManifest = {
    ...base,
    kind: 'sequence',
    encoder: { maxLen: config.maxLen, kinds: [...KINDS] },
    blend: { model: 1, temperature: 1, covis: 0, recency: 0.7, popularity: 0 },
    popularityHalfLife: null,
    files: {},
    eval: {},
    training: { users: sequences.length, interactions, seconds: 0, backend, epochs: trained },
  };
  const covisTrain = buildCovisitation(train, data.itemCount);
  const tuner = new InsituModel(draft(covisTrain, popularity[0]!, manifest));
  // The dot products the device's plain-JS engine computes, over the quantised vectors it ships.
  const dots = jsScoreEngine(tuner.itemVectors, data.itemCount, dims);
  const modelDots: (Float32Array | null)[] = [];
  for (const c of cases) {
    const u = tuner.userVector(c.history);
    modelDots.push(u === null ? null : await dots.dot(u));
  }
  // Catalog-only, so the holdout and the shipped model share one table.
  const content = buildContentNeighbours(o.content ?? [], data.itemCount);
  // Beside EASE's taste, co-visitation can still say what follows the last items.
  const tune = (neighbours: ModelParts['neighbours'], source: 'covis' | 'ease') =>
    tuneBlend({
      cases,
      itemCount: data.itemCount,
      neighbours,
      modelDots,
      popularity,
      content,
      sequence: source === 'ease' ? covisTrain : null,
    });
  const withEase = o.ease !== false && data.itemCount <= (o.easeItems ?? EASE_ITEMS);
  const { chosen, tuned } = await chooseNeighbours(
    neighbourCandidates(withEase, o.easeLambdas ?? [20, 100, 500], covisTrain),
    train,
    data.itemCount,
    tune,
    (label) => progress(0.88, `tuning the blend (${label})`),
  );
  progress(0.95, 'neighbours and segments');
  manifest.blend = tuned.blend;
  manifest.neighbours = chosen.source;
  manifest.popularityHalfLife = halfLife;
  manifest.eval = tuned.figures;
  const parts = draft(
    await chosen.build(sequences, data.itemCount),
    decayedPopularity(sequences, data.itemCount, halfLife),
    manifest,
  );
  // Built from every sequence, the shipped table can be larger than the one tuned on the train part.
  parts.neighbours = await neighboursWithinBudget(parts);
  if ((tuned.blend.sequence ?? 0) > 0) {
    const table = buildCovisitation(sequences, data.itemCount);
    const fitted = await optionalWithinBudget(parts, 'sequenceNeighbours', table, COVIS_NEIGHBOURS);
    if (fitted === null) manifest.blend.sequence = 0;
    else parts.sequenceNeighbours = fitted;
  }
  if (content !== null && (tuned.blend.content ?? 0) > 0) {
    const fitted = await optionalWithinBudget(
      parts,
      'contentNeighbours',
      content,
      CONTENT_NEIGHBOURS,
    );
    if (fitted === null) manifest.blend.content = 0;
    else parts.contentNeighbours = fitted;
  }
  parts.centroids = segmentCentroids(new InsituModel(parts), sequences, random);
  manifest.training.seconds = Math.round((performance.now() - t0) / 100) / 10;
  progress(1, 'done');
  return parts;
}

/**
 * Picks the popularity half-life (none, or the logs' span / 2, 4, 8, 16) that best ranks the
 * holdout targets with popularity as of each case's own time — what the device faces: what is
 * popular now — then, by the one-standard-error rule, the longest half-life whose score is within
 * noise of the best (no decay is the simplest and the steadiest). Returns the as-of popularity
 * per case for the blend search.
 */
function chooseHalfLife(
  train: readonly (readonly HistoryEntry[])[],
  itemCount: number,
  cases: readonly HoldoutCase[],
) {
  const span = timeSpan(train);
  const times = cases.map((c) => c.ts);
  const grid = span > 0 ? [null, span / 2, span / 4, span / 8, span / 16] : [null];
  const tried = grid.map((halfLife) => {
    const popularity = popularityAsOf(train, itemCount, halfLife, times);
    const perCase = new Float64Array(cases.length);
    holdoutFigures(cases, (i) => popularity[i]!, itemCount, perCase);
    const score = perCase.reduce((a, v) => a + v, 0) / Math.max(1, cases.length);
    return { halfLife, popularity, perCase, score };
  });
  const best = tried.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  // The grid runs from longest to shortest, so the first within noise is the simplest.
  return (
    tried.find(
      (t) => best.score - t.score <= pairedStandardError(best.perCase, t.perCase) + 1e-12,
    ) ?? best
  );
}

/**
 * The encoder alone on the early-stop cases (`holdoutScore`, float weights): what training judges
 * each epoch by. A thin shop overfits in a few epochs; on Online Retail the encoder alone
 * scored HR@10 0.029 after 2 epochs and 0.009 after 12.
 */
function encoderHoldoutScore(
  w: EncoderWeights,
  c: EncoderConfig,
  cases: readonly HoldoutCase[],
): number {
  const d = c.dims;
  const table = w['item']!;
  // Row 0 of the encoder's table is padding; items start at row 1.
  const items = table.subarray(d);
  const scores = new Float32Array(c.itemCount);
  const figures = holdoutFigures(
    cases,
    (i) => {
      const u = encodeHistory(cases[i]!.history, w, d, c.maxLen, (row, out) =>
        out.set(table.subarray(row * d, (row + 1) * d)),
      );
      return u === null ? scores.fill(0) : dotRows(items, c.itemCount, d, u, scores);
    },
    c.itemCount,
  );
  return holdoutScore(figures);
}

/** A few k-means centroids of user vectors (of up to 2000 sampled users) for profile segments. */
function segmentCentroids(
  model: InsituModel,
  sequences: readonly (readonly HistoryEntry[])[],
  random: () => number,
): Float32Array[] {
  const sample: Float32Array[] = [];
  for (const s of sequences) {
    if (sample.length >= 2000) break;
    if (random() < 2000 / sequences.length) {
      const u = model.userVector(s);
      if (u !== null) sample.push(u);
    }
  }
  return kmeans(sample, Math.min(6, sample.length), random);
}
