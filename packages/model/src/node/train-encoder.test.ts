import { beforeAll, describe, expect, it } from 'vitest';
import { setupTraining } from './tf-setup.ts';
import { tinyShop } from './tiny-shop.ts';
import { trainEncoder } from './train-encoder.ts';
import type { TrainOptions } from './train-encoder.ts';

const shop = tinyShop(3);
const config = { dims: 16, maxLen: 16, itemCount: shop.data.itemCount };

/** Trains and returns the weights with the last batch's loss. */
async function train(o: Omit<TrainOptions, 'seed' | 'onProgress'>) {
  let loss = NaN;
  const { weights } = await trainEncoder(shop.data.sequences, config, {
    seed: 7,
    ...o,
    onProgress: (fraction, l) => {
      if (fraction === 1) loss = l;
    },
  });
  return { weights, loss };
}

describe('trainEncoder', () => {
  beforeAll(async () => {
    await setupTraining('cpu');
  });

  it('continues from initial weights: zero epochs return them, one more epoch goes on learning', async () => {
    const first = await train({ epochs: 4 });
    const kept = await train({ epochs: 0, initial: first.weights });
    for (const [name, values] of Object.entries(first.weights))
      expect(kept.weights[name], name).toEqual(values);
    const refreshed = await train({ epochs: 1, initial: first.weights });
    const fresh = await train({ epochs: 1 });
    expect(refreshed.loss).toBeLessThan(fresh.loss);
  });

  it("keeps the judge's best epoch and stops after `patience` epochs without a better one", async () => {
    const seen: Record<string, Float32Array>[] = [];
    const scores = [1, 3, 2, 2.5, 9];
    const { weights, epochs } = await trainEncoder(shop.data.sequences, config, {
      seed: 7,
      epochs: 5,
      judge: (w) => scores[seen.push(w) - 1]!,
    });
    expect(seen).toHaveLength(4); // epochs 3 and 4 did not beat epoch 2; the fifth never ran
    expect(epochs).toBe(2);
    expect(weights).toBe(seen[1]);
    expect(weights['item']).not.toEqual(seen[3]!['item']);
  });
});
