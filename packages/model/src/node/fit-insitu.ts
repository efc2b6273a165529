import type { FitScorer, Scorer, TrainingData } from '@insitu/core';
import type { InsituModel } from '../insitu-model.ts';
import { fitModel } from './fit.ts';
import type { InsituFitOptions } from './fit.ts';
import { readArtifactFiles } from './files.node.ts';
import { serializeArtifact } from './serialize.ts';

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
 * The eval seam: fits on the train split, serialises the artifact and loads it back with the
 * worker's loader, so `insitu eval` scores the quantised model the device would run.
 */
export const fitInsitu: FitScorer = async (data: TrainingData, options?: InsituFitOptions) => {
  const parts = await fitModel(data, options);
  return modelScorer(await readArtifactFiles(await serializeArtifact(parts)));
};
