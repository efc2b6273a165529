// The same tracked events through `insitu build`'s loader and `insitu profile` (the CLI) and
// through the worker's shopper history: the same interactions, history and cart.
// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCatalogIndex,
  createProfileState,
  foldEvent,
  shopperStateOf,
  validateCatalog,
  type HistoryEntry,
} from '@insitu/core';
import { loadDataset } from '../../packages/cli/src/data/load.ts';
import { readTrackedEvents } from '../../packages/cli/src/commands/profile.ts';
import { shopperHistory } from '../../packages/sdk/src/worker/model/shopper-history.ts';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
const catalog = validateCatalog({ items: ids.map((id) => ({ id, title: id.toUpperCase() })) });
const T0 = Date.UTC(2026, 10, 1);
const p = (id: string, quantity?: number) => ({
  product_id: id,
  ...(quantity ? { quantity } : {}),
});
const lines: [string, object][] = [
  ['Product Viewed', p('a')],
  ['Product Clicked', p('b')],
  ['Recommendation Clicked', p('c')],
  ['Product List Viewed', { category: 'x', products: [p('d'), p('e')] }],
  ['Product Added', p('a', 2)],
  ['Product Added', { cart_id: 'k', ...p('b') }],
  ['Wishlist Product Added to Cart', p('e')],
  ['Product Removed', p('a', 1)],
  ['Product Added to Wishlist', p('f')],
  ['Order Completed', { order_id: 'o1', products: [p('b'), p('e')] }],
  ['Product Viewed', p('b')],
  ['Product Reviewed', { product_id: 'c', rating: '4', review_body: 'good' }],
  ['Promotion Clicked', { promotion_id: 'spring' }],
  ['Custom Thing', { product_id: 'd' }],
];

/** Latest interaction per item, oldest first, a purchase kept over later views: an oracle. */
function latestPerItem(seq: readonly HistoryEntry[], itemIds: readonly string[]) {
  const out = new Map<string, string>();
  for (const e of seq) {
    const id = itemIds[e.item]!;
    const before = out.get(id);
    out.delete(id);
    out.set(id, before === 'purchase' ? 'purchase' : e.kind);
  }
  return [...out];
}

describe('one meaning of events for the CLI and the worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'insitu-agree-'));
  const file = join(dir, 'events.jsonl');
  writeFileSync(
    file,
    lines
      .map(([event, properties], i) =>
        JSON.stringify({ event, properties, timestamp: T0 + i * 1000 }),
      )
      .join('\n'),
  );

  it('gives the same history and cart', async () => {
    const dataset = await loadDataset({ events: [file] });
    const cli = latestPerItem(dataset.sequences[0]!, dataset.itemIds);
    const stored = readTrackedEvents(file);
    const index = new Map(catalog.items.map((item, i) => [item.id, i]));
    const worker = shopperHistory(shopperStateOf([...stored].reverse()), (id) => index.get(id));
    const workerHistory = worker.history.map((h) => [catalog.items[h.item]!.id, h.kind]);
    expect(workerHistory).toEqual(cli);
    // Clicks count as views on both sides; list impressions and custom events on neither.
    expect(cli).toEqual([
      ['a', 'cart'],
      ['f', 'view'],
      ['e', 'purchase'],
      ['b', 'purchase'],
      ['c', 'rating'],
    ]);
    // `insitu profile` folds the same events: its cart is the worker's.
    const state = createProfileState();
    const catalogIndex = buildCatalogIndex(catalog);
    for (const e of stored) foldEvent(state, e, catalogIndex);
    expect(state.shopper.cart).toEqual([{ id: 'a', quantity: 1 }]);
    expect(worker.cart.map((i) => catalog.items[i]!.id)).toEqual(['a']);
  });
});
