import type { HistoryEntry, InteractionKind, TrainingData } from '@insitu/core';
import { seededRandom } from '@insitu/core';
import type { ContentItem } from './content-vectors.ts';

/**
 * A tiny generated shop with known structure, for tests: `categories` groups of `perCategory`
 * items; each shopper stays in one group and walks it in order (item k, then k + 1, …), so the
 * next item is predictable and popularity alone is not enough.
 */
export function tinyShop(seed: number, users = 150, categories = 5, perCategory = 8) {
  const random = seededRandom(seed);
  const itemCount = categories * perCategory;
  const kinds: InteractionKind[] = ['view', 'view', 'view', 'cart', 'purchase'];
  const sequences: HistoryEntry[][] = [];
  let ts = 1_700_000_000_000;
  for (let u = 0; u < users; u++) {
    const c = Math.floor(random() * categories);
    const start = Math.floor(random() * perCategory);
    const length = 3 + Math.floor(random() * 5);
    const s: HistoryEntry[] = [];
    for (let k = 0; k < length; k++) {
      ts += 1000 + Math.floor(random() * 60_000);
      s.push({
        item: c * perCategory + ((start + k) % perCategory),
        ts,
        kind: kinds[Math.floor(random() * kinds.length)]!,
      });
    }
    sequences.push(s);
  }
  const content: ContentItem[] = Array.from({ length: itemCount }, (_, i) => ({
    title: `Item ${i} ${['trail', 'yoga', 'camp', 'swim', 'chef'][Math.floor(i / perCategory) % 5]} gear`,
    categories: [`Group ${Math.floor(i / perCategory)}`],
  }));
  const data: TrainingData = {
    itemCount,
    itemIds: Array.from({ length: itemCount }, (_, i) => `sku-${i}`),
    sequences,
    seed,
  };
  return { data, content, perCategory };
}
