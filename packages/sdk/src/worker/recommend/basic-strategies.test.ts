import { describe, expect, it } from 'vitest';
import {
  rankItems,
  seededRandom,
  shopperStateOf,
  validateCatalog,
  type RecommendRequest,
  type StoredEvent,
} from '@insitu/core';
import { basicRecommend } from './basic-strategies.ts';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const catalog = validateCatalog({
  items: [
    { id: 'a', title: 'A', categories: ['Tents'], price: 100, brand: 'X' },
    { id: 'b', title: 'B', categories: ['Tents'], price: 20, brand: 'Y' },
    { id: 'c', title: 'C', categories: ['Shoes'], price: 60, brand: 'X' },
    { id: 'd', title: 'D', categories: ['Shoes'], price: 80, inStock: false },
    { id: 'e', title: 'E', categories: ['Socks'], price: 5 },
  ],
});
let n = 0;
/** Events given oldest first, returned newest first as the store hands them over. */
function history(
  ...events: [name: string, props: Record<string, unknown>, ageDays: number][]
): StoredEvent[] {
  return events
    .map(([name, props, age]) => {
      const products = (props['products'] as { product_id: string }[] | undefined) ?? [];
      const items = [
        props['product_id'] as string | undefined,
        ...products.map((p) => p.product_id),
      ];
      return {
        id: `e${++n}`,
        name,
        props: props as StoredEvent['props'],
        ts: NOW - age * DAY,
        items: items.filter((x): x is string => !!x),
      };
    })
    .sort((x, y) => y.ts - x.ts);
}
const ids = (r: { items: { item: { id: string } }[] }) => r.items.map((x) => x.item.id);

describe('recently-viewed', () => {
  it('ranks the views alone exactly as ranking the whole catalog would', () => {
    const random = seededRandom(5);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const big = validateCatalog({
      items: Array.from({ length: 40 }, (_, i) => ({
        id: `p${i}`,
        title: `P${i}`,
        categories: [pick(['Tents', 'Shoes', 'Socks'])],
        brand: pick(['X', 'Y']),
        inStock: random() < 0.8,
      })),
    });
    for (let round = 0; round < 200; round++) {
      const events = history(
        ...Array.from({ length: 1 + Math.floor(random() * 12) }, (_, k) => {
          const id = random() < 0.1 ? 'unknown' : `p${Math.floor(random() * 40)}`;
          const name = random() < 0.2 ? 'Product Added' : 'Product Viewed';
          return [name, { product_id: id }, 20 - k] as [string, Record<string, unknown>, number];
        }),
      );
      const request: RecommendRequest = {
        strategy: 'recently-viewed',
        limit: 1 + Math.floor(random() * 8),
        ...(random() < 0.5 ? { diversity: pick([0.3, 1]) } : {}),
        ...(random() < 0.5 ? { filter: { inStock: random() < 0.5, categories: ['Shoes'] } } : {}),
        ...(random() < 0.5 ? { exclude: { ids: ['p1', 'p2'], inCart: random() < 0.5 } } : {}),
      };
      // The whole catalog, with the views' recency as the one source.
      const rows = new Map(big.items.map((item, i) => [item.id, i]));
      const state = shopperStateOf(events);
      const viewed = state.viewed
        .map((id) => rows.get(id))
        .filter((i): i is number => i !== undefined)
        .map((item, k) => ({ item, ts: k, kind: 'view' as const }));
      const scores = new Float32Array(big.items.length);
      viewed.forEach((h, k) => (scores[h.item] = k + 1));
      const whole = rankItems({
        catalog: big.items,
        sources: [{ kind: 'recency', scores }],
        history: viewed,
        cart: state.cart.map((l) => rows.get(l.id)).filter((i): i is number => i !== undefined),
        request: { ...request, diversity: request.diversity ?? 0 },
      });
      expect(basicRecommend(request, events, big, NOW).items).toEqual(whole);
    }
  });

  it('lists distinct viewed items newest first; uses event details for items not in a catalog', () => {
    const h = history(
      ['Product Viewed', { product_id: 'a' }, 3],
      ['Product Viewed', { product_id: 'c', name: 'Shoe C', price: 60 }, 2],
      ['Product Viewed', { product_id: 'a' }, 1],
      ['Product Added', { product_id: 'b' }, 0],
    );
    expect(ids(basicRecommend({ strategy: 'recently-viewed' }, h, catalog, NOW))).toEqual([
      'a',
      'c',
    ]);
    const noCatalog = basicRecommend({ strategy: 'recently-viewed', limit: 1 }, h, undefined, NOW);
    expect(noCatalog.items.map((x) => x.item)).toEqual([
      { id: 'a', title: 'a', categories: [], inStock: true, tags: [] },
    ]);
    expect(
      basicRecommend({ strategy: 'recently-viewed' }, h, undefined, NOW).items[1]!.item,
    ).toMatchObject({ id: 'c', title: 'Shoe C', price: 60 });
  });

  it('keeps items in the cart but honours filters and excluded ids', () => {
    const h = history(
      ['Product Viewed', { product_id: 'd' }, 4],
      ['Product Viewed', { product_id: 'c' }, 3],
      ['Product Viewed', { product_id: 'b' }, 2],
      ['Product Added', { product_id: 'b' }, 1],
    );
    expect(ids(basicRecommend({ strategy: 'recently-viewed' }, h, catalog, NOW))).toEqual([
      'b',
      'c',
    ]); // d out of stock
    expect(
      ids(
        basicRecommend(
          { strategy: 'recently-viewed', filter: { inStock: false }, exclude: { ids: ['c'] } },
          h,
          catalog,
          NOW,
        ),
      ),
    ).toEqual(['b', 'd']);
  });
});

describe('trending', () => {
  it('ranks by weighted, time-decayed local counts, then fills with the catalog order', () => {
    // e: 3 views a month ago (decayed ~ 3/16); b: one add yesterday (3 × ~0.9); c: one view today.
    const h = history(
      ['Product Viewed', { product_id: 'e' }, 30],
      ['Product Viewed', { product_id: 'e' }, 30],
      ['Product Viewed', { product_id: 'e' }, 30],
      ['Product Added', { product_id: 'b' }, 1],
      ['Product Viewed', { product_id: 'c' }, 0],
    );
    const r = basicRecommend(
      { strategy: 'trending', limit: 4, exclude: { inCart: false } },
      h,
      catalog,
      NOW,
    );
    expect(ids(r)).toEqual(['b', 'c', 'e', 'a']);
    expect(r.items[0]!.score).toBeGreaterThan(r.items[1]!.score);
    expect(r.items[3]!.explanation).toEqual({
      kind: 'popular',
      text: 'Popular in Tents',
      category: 'Tents',
    });
  });

  it('excludes the cart by default, and purchases for personal strategies', () => {
    const h = history(
      ['Order Completed', { products: [{ product_id: 'a' }] }, 2],
      ['Product Added', { product_id: 'c' }, 1],
    );
    expect(ids(basicRecommend({ strategy: 'trending', diversity: 0 }, h, catalog, NOW))).toEqual([
      'a',
      'b',
      'e',
    ]);
    const forYou = basicRecommend({ strategy: 'for-you' }, h, catalog, NOW);
    expect(ids(forYou)).toEqual(['b', 'e']);
    expect(forYou.source).toBe('fallback');
  });

  it('puts the page context first in cold start and applies price, category and brand filters', () => {
    expect(
      ids(
        basicRecommend(
          { strategy: 'trending', context: { category: 'Shoes' }, diversity: 0 },
          [],
          catalog,
          NOW,
        ),
      ),
    ).toEqual(['c', 'a', 'b', 'e']);
    expect(
      ids(
        basicRecommend(
          { strategy: 'trending', filter: { minPrice: 10, maxPrice: 70 } },
          [],
          catalog,
          NOW,
        ),
      ),
    ).toEqual(['b', 'c']);
    expect(
      ids(
        basicRecommend(
          { strategy: 'trending', filter: { categories: ['Tents'], brands: ['Y'] } },
          [],
          catalog,
          NOW,
        ),
      ),
    ).toEqual(['b']);
  });

  it('filters by the same rule as core ranking: case-insensitive, priceless items fail price bounds', () => {
    const withPriceless = validateCatalog({
      items: [...catalog.items, { id: 'f', title: 'F', categories: ['tents'], brand: 'y' }],
    });
    const trending = (filter: object) =>
      ids(basicRecommend({ strategy: 'trending', filter }, [], withPriceless, NOW));
    expect(trending({ categories: ['TENTS'], brands: ['y'] })).toEqual(['b', 'f']);
    expect(trending({ categories: ['Tents'], maxPrice: 50 })).toEqual(['b']);
  });

  it('is ranked by core: diversity spreads categories, itemId anchors similar-items, texts follow the locale', () => {
    const plain = ids(basicRecommend({ strategy: 'trending', diversity: 0 }, [], catalog, NOW));
    const diverse = ids(basicRecommend({ strategy: 'trending', diversity: 0.9 }, [], catalog, NOW));
    expect(plain).toEqual(['a', 'b', 'c', 'e']);
    // After tent a (brand X): e shares neither category nor brand, so it goes before tent b.
    expect(diverse.slice(0, 2)).toEqual(['a', 'e']);
    expect(diverse.indexOf('b')).toBeGreaterThan(plain.indexOf('b'));
    const similar = basicRecommend(
      { strategy: 'similar-items', itemId: 'c', diversity: 0 },
      [],
      catalog,
      NOW,
    );
    expect(ids(similar)[0]).toBe('a'); // brand X, like the anchor; the anchor itself never
    expect(ids(similar)).not.toContain('c');
    expect(similar.items[0]!.explanation).toMatchObject({ kind: 'similar', sourceItemId: 'c' });
    const zh = basicRecommend({ strategy: 'trending', limit: 1 }, [], catalog, NOW, {
      locale: 'zh',
    });
    expect(zh.items[0]!.explanation.text).toBe('Tents 热销');
  });

  it('rejects bad requests with invalid_request naming the field', () => {
    expect(() => basicRecommend({ strategy: 'best' as 'trending' }, [], catalog)).toThrow(
      expect.objectContaining({ code: 'invalid_request', field: 'strategy' }),
    );
    expect(() => basicRecommend({ strategy: 'trending', limit: 0 }, [], catalog)).toThrow(
      expect.objectContaining({ field: 'limit' }),
    );
  });
});
