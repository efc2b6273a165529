import { describe, expect, it } from 'vitest';
import { fitModel } from './fit.ts';
import { readArtifactFiles } from './files.node.ts';
import { serializeArtifact } from './serialize.ts';
import { tinyShop } from './tiny-shop.ts';

describe('content-only model (a shop without logs)', () => {
  const shop = tinyShop(3);
  const group = (i: number) => Math.floor(i / shop.perCategory);

  it('builds from catalog text and categories and ranks the shopper’s category first', async () => {
    const parts = await fitModel({ ...shop.data, sequences: [] }, { content: shop.content });
    expect(parts.manifest.kind).toBe('content');
    expect(parts.encoder).toBeNull();
    const model = await readArtifactFiles(await serializeArtifact(parts));
    expect(model.manifest.files['encoder/model.json']).toBeUndefined();

    const history = [
      { item: 17, ts: 1, kind: 'view' as const },
      { item: 18, ts: 2, kind: 'view' as const },
    ];
    const scores = await model.scoreHistory(history);
    const top = [...scores.keys()]
      .filter((i) => i !== 17 && i !== 18)
      .sort((a, b) => scores[b]! - scores[a]!)
      .slice(0, shop.perCategory - 2);
    expect(top.every((i) => group(i) === 2)).toBe(true);

    expect(model.similar(5, 5).every(([j]) => group(j) === 0)).toBe(true);
    expect(model.boughtTogether(5, 5).every(([j]) => group(j) === 0)).toBe(true);
    // With no history, ranking falls back to the catalog's own order, never to noise.
    const cold = await model.scoreHistory([]);
    expect(cold[0]).toBeGreaterThan(cold[shop.data.itemCount - 1]!);
  });
});
