import type { Dataset } from '../dataset.ts';
import type { LeaveOneOut } from './split.ts';
import type { TrainingData } from './training-data.ts';

/** The training data of a split: the train part of each kept user, with the dataset's vocabulary. */
export function trainingDataOf(dataset: Dataset, split: LeaveOneOut, seed = 42): TrainingData {
  const data: TrainingData = {
    itemCount: split.itemCount,
    itemIds: dataset.itemIds,
    sequences: split.train,
    validation: split.valid,
    seed,
  };
  if (dataset.items !== undefined) data.items = dataset.items;
  return data;
}
