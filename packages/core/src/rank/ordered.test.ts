import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../catalog.ts';
import { sourceOrder } from './ordered.ts';
import { rankItems } from './rank.ts';
import type { RankInput, SourceKind } from './types.ts';

const CATEGORIES = ['Running', 'Camping', 'Kitchen'];
const KINDS: SourceKind[] = ['popularity', 'trending', 'model', 'recency'];

/** A catalog, one fixed source and a request, drawn with many ties, gaps and exclusions. */
const inputs = fc.integer({ min: 1, max: 40 }).chain((n) =>
  fc.record({
    items: fc.array(
      fc.record({
        c: fc.nat(2),
        inStock: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
      }),
      {
        minLength: n,
        maxLength: n,
      },
    ),
    // Few distinct values (ties), some not finite (items the model does not know).
    scores: fc.array(
      fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(NaN), fc.double({ min: 0, max: 9 })),
      { minLength: n, maxLength: n },
    ),
    rotation: fc.option(
      fc.array(fc.oneof(fc.constant(1), fc.constant(0.5), fc.double({ min: 0, max: 1 })), {
        minLength: n,
        maxLength: n,
      }),
    ),
    history: fc.array(fc.nat(n - 1), { maxLength: 6 }),
    cart: fc.array(fc.nat(n - 1), { maxLength: 2 }),
    excludeHistory: fc.boolean(),
    anchor: fc.option(fc.nat(n - 1)),
    category: fc.option(fc.constantFrom(...CATEGORIES.map((c) => c.toLowerCase()))),
    inStock: fc.boolean(),
    limit: fc.integer({ min: 1, max: 12 }),
    diversity: fc.constantFrom(0, 0.3, 1),
    kind: fc.constantFrom(...KINDS),
    weight: fc.option(fc.constantFrom(0, 0.05, 1, 2)),
    strategy: fc.constantFrom('trending', 'for-you', 'recently-viewed') as fc.Arbitrary<
      RankInput['request']['strategy']
    >,
  }),
);

describe('a lone source', () => {
  it('ranks as the blend of several sources does, walked in its order or not', () => {
    fc.assert(
      fc.property(inputs, (x) => {
        const catalog: CatalogItem[] = x.items.map((it, i) => ({
          id: `p${i}`,
          title: `Item ${i}`,
          categories: ['Shop', CATEGORIES[it.c]!],
          inStock: it.inStock,
          tags: [],
        }));
        const scores = Float32Array.from(x.scores);
        const base: Omit<RankInput, 'sources'> = {
          catalog,
          history: x.history.map((item, ts) => ({ item, ts, kind: 'view' as const })),
          cart: x.cart,
          excludeHistory: x.excludeHistory,
          ...(x.anchor === null ? {} : { anchor: x.anchor }),
          ...(x.rotation === null ? {} : { rotation: Float32Array.from(x.rotation) }),
          request: {
            strategy: x.strategy,
            limit: x.limit,
            diversity: x.diversity,
            filter: { inStock: x.inStock },
            ...(x.category === null ? {} : { context: { category: x.category } }),
          },
        };
        const source = { kind: x.kind, scores, ...(x.weight === null ? {} : { weight: x.weight }) };
        // A second source of weight 0 changes nothing but takes the blend of several sources.
        const idle = {
          kind: 'popularity' as const,
          scores: new Float32Array(x.scores.length),
          weight: 0,
        };
        const blended = rankItems({ ...base, sources: [source, idle] });
        const lone = rankItems({ ...base, sources: [source] });
        const walked = rankItems({
          ...base,
          sources: [{ ...source, ranked: sourceOrder(scores) }],
        });
        expect(lone).toEqual(blended);
        expect(walked).toEqual(blended);
      }),
      { numRuns: 3000, seed: 42 },
    );
  });

  it('orders by score, ties and then unknown items in catalog order', () => {
    const { order, finite } = sourceOrder(Float32Array.from([1, NaN, 3, 1, Infinity, 3]));
    expect([...order]).toEqual([2, 5, 0, 3, 1, 4]);
    expect(finite).toBe(4);
  });

  it('is not used for other scores than the ones it orders', () => {
    const catalog = [0, 1, 2].map((i) => ({
      id: `p${i}`,
      title: `${i}`,
      categories: [],
      inStock: true,
      tags: [],
    }));
    const request = { strategy: 'trending', limit: 3, diversity: 0 } as const;
    const stale = sourceOrder(Float32Array.from([3, 2, 1]));
    const sources = [
      { kind: 'trending' as const, scores: Float32Array.from([1, 2, 3]), ranked: stale },
    ];
    expect(rankItems({ catalog, sources, request }).map((r) => r.item.id)).toEqual([
      'p2',
      'p1',
      'p0',
    ]);
  });
});
