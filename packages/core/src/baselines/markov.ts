import type { Scorer } from '../scoring.ts';
import type { TrainingData } from '../eval/training-data.ts';
import { itemCounts, popularityBackoff } from './popularity.ts';
import { addRow, sparseFromTriples } from './sparse.ts';

const BACKOFF = 0.5;

/**
 * Baseline Markov-1: counts which item follows which in the training sequences and scores the
 * successors of the history's last item by that count. Equal counts (most often zero) are ordered by popularity.
 */
export function fitMarkov(data: TrainingData): Promise<Scorer> {
  const from: number[] = [];
  const to: number[] = [];
  for (const sequence of data.sequences) {
    for (let i = 1; i < sequence.length; i++) {
      from.push(sequence[i - 1]!.item);
      to.push(sequence[i]!.item);
    }
  }
  const transitions = sparseFromTriples(data.itemCount, from, to);
  // Counts are whole numbers, so a backoff below 1 only orders items with equal counts.
  const backoff = popularityBackoff(itemCounts(data), BACKOFF);
  return Promise.resolve({
    name: 'markov',
    score: (history, out) => {
      out.set(backoff);
      const last = history[history.length - 1];
      if (last !== undefined) addRow(transitions, last.item, 1, out);
    },
  });
}
