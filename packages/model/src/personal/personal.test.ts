import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  createShopperState,
  evaluateScorer,
  leaveOneOut,
  seededRandom,
  trainingDataOf,
  type Dataset,
  type HistoryEntry,
  type ShopperState,
} from '@insitu/core';
import { fitModel } from '../node/fit.ts';
import { modelScorer, personalScorer } from '../node/fit-insitu.ts';
import { readArtifactFiles } from '../node/files.node.ts';
import { serializeArtifact } from '../node/serialize.ts';
import { setupTraining } from '../node/tf-setup.ts';
import type { InsituModel } from '../insitu-model.ts';
import {
  HEAD_DEFAULTS,
  headBatch,
  headTemperature,
  learningExamples,
  scoreExamples,
} from './head.ts';
import { HeadTrainer } from './head-trainer.ts';
import { replayImpressions } from './replay.ts';

const HITS = 12;
const GROUPS = 6;
const PER_GROUP = 30;
const ITEMS = HITS + GROUPS * PER_GROUP;
const picky = (u: number) => u % 10 < 3;

/**
 * Skipping planted: items 0…11 are the shop's bestsellers, the rest six groups of 30. Most
 * shoppers browse one group and take a bestseller 40% of the time; three in ten never take one.
 */
function plantedShop(): Dataset {
  const random = seededRandom(5);
  const sequences: HistoryEntry[][] = [];
  let ts = 1;
  for (let u = 0; u < 800; u++) {
    const group = Math.floor(random() * GROUPS);
    const length = 6 + Math.floor(random() * 6);
    const seen = new Set<number>();
    const s: HistoryEntry[] = [];
    while (s.length < length) {
      const item =
        !picky(u) && random() < 0.4
          ? Math.floor(random() * HITS)
          : HITS + group * PER_GROUP + Math.floor(random() * PER_GROUP);
      if (seen.has(item)) continue;
      seen.add(item);
      s.push({ item, ts: ts++, kind: 'view' });
    }
    sequences.push(s);
  }
  return { itemIds: Array.from({ length: ITEMS }, (_, i) => `i${i}`), sequences } as Dataset;
}

const state = (history: [string, number][], shown: [string, number[]][]): ShopperState => ({
  ...createShopperState(),
  history: history.map(([id, ts]) => ({ id, ts, kind: 'view' })),
  shown: shown.map(([id, ts]) => ({ id, ts })),
});
const row = (id: string) => (id.startsWith('i') ? Number(id.slice(1)) : undefined);

describe('learningExamples', () => {
  it('takes each history item after the first as a positive, skipped items shown before it first', () => {
    const s = state(
      [
        ['i1', 10],
        ['i2', 20],
        ['x', 25],
        ['i3', 30],
      ],
      [
        ['i7', [15, 16]],
        ['i8', [28]],
        ['i9', [40]],
      ],
    );
    const ex = learningExamples(s, row, 50, { maxExamples: 32, skipped: 8, sampled: 4 });
    expect(ex.map((e) => e.positive)).toEqual([2, 3]);
    expect(ex[0]!.context.map((c) => c.item)).toEqual([1]);
    expect(ex[0]!.negatives.slice(0, 1)).toEqual([7]);
    expect(ex[1]!.negatives.slice(0, 2)).toEqual([8, 7]);
    // Shown later than the positive: not a negative of it. Sampled negatives are never the positive.
    expect(ex.every((e) => !e.negatives.includes(9) && !e.negatives.includes(e.positive))).toBe(
      true,
    );
    expect(ex[1]!.negatives).toHaveLength(6);
    expect(learningExamples(s, row, 50)).toEqual(learningExamples(s, row, 50));
    // After a reset at 18, only what came later teaches: i3, with i8 (shown at 28) as negative.
    const since = learningExamples(s, row, 50, { ...HEAD_DEFAULTS, skipped: 8 }, 18);
    expect(since.map((e) => [e.positive, e.negatives[0]])).toEqual([
      [2, expect.any(Number)],
      [3, 8],
    ]);
    expect(since[0]!.negatives).not.toContain(7);
  });
});

describe('the personal head on a shop where skipping is planted', () => {
  let model: InsituModel;
  const dataset = plantedShop();
  const split = leaveOneOut(dataset.sequences, ITEMS);

  it('fits the shop', async () => {
    const data = trainingDataOf(dataset, split, 42);
    model = await readArtifactFiles(
      await serializeArtifact(await fitModel(data, { epochs: 4, ease: false })),
    );
    // A global model that leans on popularity, as online-retail's does (weight 3 vs 0.3).
    (model.manifest as { blend: object }).blend = {
      ...model.manifest.blend,
      model: 0.3,
      covis: 1,
      popularity: 3,
    };
    await setupTraining();
  }, 120_000);

  it('trains with a falling loss, flat tensors, and demotes what a shopper skipped', async () => {
    const history = split.train.find((_, u) => picky(u))!;
    const replayed = await replayImpressions(model, history);
    expect(replayed.shown.length).toBeGreaterThan(0);
    const examples = learningExamples(replayed, (id) => model.indexOf(id), ITEMS, {
      ...HEAD_DEFAULTS,
      skipped: 8,
    });
    const temperature = headTemperature(model, HEAD_DEFAULTS);
    await scoreExamples(model, examples);
    const batch = headBatch(model, [examples], temperature);
    const before = tf.memory().numTensors;
    const trainer = new HeadTrainer(batch, new Float32Array(model.dims), { rate: 5, l2: 0.05 });
    const losses = [];
    for (let s = 0; s < 30; s++) losses.push(await trainer.step());
    const offset = await trainer.offsets();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.9);
    const global = await model.scoreHistory(history);
    const personal = await model.scoreHistory(history, { offset, temperature });
    const skipped = replayed.shown.map((s) => model.indexOf(s.id)!);
    const drop = (i: number) => personal[i]! - global[i]!;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const taken = history.map((h) => h.item);
    expect(mean(skipped.map(drop))).toBeLessThan(mean(taken.map(drop)));
  }, 60_000);

  it('puts insitu+personal ahead for the shoppers who skip, replayed as insitu eval does', async () => {
    const only = (keep: (u: number) => boolean) => ({
      ...split,
      train: split.train.filter((_, u) => keep(u)),
      valid: split.valid.filter((_, u) => keep(u)),
      test: split.test.filter((_, u) => keep(u)),
    });
    const head = { ...HEAD_DEFAULTS, skipped: 8, temperature: 0.3, rate: 5, steps: 40 };
    const pickySplit = only(picky);
    const g = await evaluateScorer(pickySplit, modelScorer(model));
    const p = await evaluateScorer(pickySplit, personalScorer(model, head));
    expect(p.full.hr10).toBeGreaterThan(g.full.hr10 + 0.04);
    // Everyone together: not worse than the global model beyond noise.
    const all = await evaluateScorer(split, personalScorer(model, head));
    const global = await evaluateScorer(split, modelScorer(model));
    expect(all.full.hr10).toBeGreaterThan(global.full.hr10 - global.halfWidth95.hr10);
  }, 120_000);
});
