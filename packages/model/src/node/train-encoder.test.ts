import { beforeAll, describe, expect, it } from 'vitest';
import { setupTraining } from './tf-setup.ts';
import { tinyShop } from './tiny-shop.ts';
import { trainEncoder } from './train-encoder.ts';

const shop = tinyShop(3);
const config = { dims: 16, maxLen: 16, itemCount: shop.data.itemCount };

describe('trainEncoder', () => {
  beforeAll(async () => {
    await setupTraining('cpu');
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
