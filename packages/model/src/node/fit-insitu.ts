import type { BatchScorer, FitScorer, HistoryEntry, Scorer, TrainingData } from '@insitu/core';
import type { InsituModel } from '../insitu-model.ts';
import {
  HEAD_DEFAULTS,
  headBatch,
  headTemperature,
  learningExamples,
  scoreExamples,
  type HeadOptions,
} from '../personal/head.ts';
import { HeadTrainer } from '../personal/head-trainer.ts';
import { REPLAY_DEFAULTS, replayImpressions, type ReplayOptions } from '../personal/replay.ts';
import { fitModel } from './fit.ts';
import type { InsituFitOptions } from './fit.ts';
import { readArtifactFiles } from './files.node.ts';
import { serializeArtifact } from './serialize.ts';
import { setupTraining } from './tf-setup.ts';

/** A Scorer backed by a loaded model: exactly the scores the worker computes. */
export function modelScorer(model: InsituModel): Scorer {
  return {
    name: 'insitu',
    score: async (history, out) => {
      out.set(await model.scoreHistory(history));
    },
  };
}

/**
 * The model with a personal head per shopper, as the worker would train it: each history is
 * replayed with simulated impressions (`replayImpressions`), its examples (`learningExamples`)
 * train a head (`HeadTrainer`, one per history, a batch of them at once), and the history is
 * scored with that head's offset. The history is what the device would know at that moment: the
 * train part for the validation target, train + validation for the test target.
 */
export function personalScorer(
  model: InsituModel,
  head: HeadOptions = HEAD_DEFAULTS,
  replay: ReplayOptions = REPLAY_DEFAULTS,
): BatchScorer {
  const n = model.itemCount;
  const d = model.dims;
  const rowOf = (id: string) => model.indexOf(id);
  const scoreBatch = async (histories: readonly (readonly HistoryEntry[])[], out: Float32Array) => {
    const examples = [];
    for (const h of histories) {
      // The replay scores every prefix; its examples' contexts are those prefixes (the split keeps
      // each item once), so their candidates are read from the same scores.
      const cache = new Map<number, Float32Array>();
      const state = await replayImpressions(model, h, replay, (k, scores) => {
        if (k >= h.length - head.maxExamples - 1) cache.set(k, scores);
      });
      const list = learningExamples(state, rowOf, n, head);
      await scoreExamples(model, list, (context) => {
        const hit = cache.get(context.length);
        const same = hit !== undefined && context.every((c, i) => c.item === h[i]!.item);
        return same ? hit : model.scoreHistory(context);
      });
      examples.push(list);
    }
    const temperature = headTemperature(model, head);
    const batch = headBatch(model, examples, temperature);
    const trainer = new HeadTrainer(batch, new Float32Array(histories.length * d), head);
    let offsets: Float32Array;
    try {
      for (let s = 0; s < head.steps; s++) await trainer.step();
      offsets = await trainer.offsets();
    } finally {
      trainer.dispose();
    }
    for (let b = 0; b < histories.length; b++) {
      const offset = offsets.subarray(b * d, (b + 1) * d);
      const scores = await model.scoreHistory(histories[b]!, { offset, temperature });
      out.set(scores, b * n);
    }
  };
  return {
    name: 'insitu+personal',
    scoreBatch,
    score: (history, out) => scoreBatch([history], out),
  };
}

const loaded = new WeakMap<TrainingData, Promise<InsituModel>>();

/**
 * The eval seam: fits on the train split, serialises the artifact and loads it back with the
 * worker's loader, so `insitu eval` scores the quantised model the device would run. One fit per
 * train part serves both `insitu` and `insitu+personal`.
 */
function loadFitted(data: TrainingData, options?: InsituFitOptions): Promise<InsituModel> {
  let model = loaded.get(data);
  if (model === undefined) {
    // The catalog's titles and categories, as `insitu build` passes them from catalog.json.
    const content = options?.content ?? data.items;
    const fitOptions = content === undefined ? options : { ...options, content };
    model = (async () =>
      readArtifactFiles(await serializeArtifact(await fitModel(data, fitOptions))))();
    loaded.set(data, model);
  }
  return model;
}

export const fitInsitu: FitScorer = async (data, options?: InsituFitOptions) =>
  modelScorer(await loadFitted(data, options));

/** `insitu+personal` of `insitu eval --personal`: the same fitted model, plus a head per shopper. */
export const fitInsituPersonal: FitScorer = async (data, options?: InsituFitOptions) => {
  const model = await loadFitted(data, options);
  await setupTraining();
  return personalScorer(model);
};
