import { describe, expect, it } from 'vitest';
import { fitModel } from './fit.ts';
import { readArtifactFiles } from './files.node.ts';
import { serializeArtifact } from './serialize.ts';
import { tinyShop } from './tiny-shop.ts';

describe('items the logs never show', () => {
  it('get vectors from their seen look-alikes in the catalog, not noise', async () => {
    const shop = tinyShop(5, 200);
    const group = (i: number) => Math.floor(i / shop.perCategory);
    const fresh = [3, 19, 27]; // one new product in each of three groups
    const sequences = shop.data.sequences
      .map((s) => s.filter((e) => !fresh.includes(e.item)))
      .filter((s) => s.length > 0);
    const parts = await fitModel(
      { ...shop.data, sequences },
      { content: shop.content, epochs: 3, holdoutCases: 50 },
    );
    expect(parts.manifest.kind).toBe('sequence');
    const model = await readArtifactFiles(await serializeArtifact(parts));
    for (const item of fresh) {
      const similar = model.similar(item, 5).map(([j]) => j);
      expect(similar.filter((j) => group(j) === group(item)).length).toBeGreaterThanOrEqual(4);
    }
  });
});
