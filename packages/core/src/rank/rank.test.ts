import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../catalog.ts';
import { sparseFromTriples } from '../baselines/sparse.ts';
import type { HistoryEntry } from '../scoring.ts';
import { blendScorer } from './blend-scorer.ts';
import { seededRandom } from '../eval/random.ts';
import { topK } from './blend.ts';
import { rankItems } from './rank.ts';
import { covisitScores, recencyScores } from './sources.ts';
import type { RankInput, ScoreSource } from './types.ts';

const item = (id: string, categories: string[], extra: Partial<CatalogItem> = {}): CatalogItem => ({
  id,
  title: `Title ${id}`,
  categories,
  inStock: true,
  tags: [],
  ...extra,
});
// 0-3 running shoes, 4-6 camping, 7-9 kitchen.
const catalog: CatalogItem[] = [
  item('r0', ['Sports', 'Running'], { brand: 'Fleet', price: 90 }),
  item('r1', ['Sports', 'Running'], { brand: 'Fleet', price: 120 }),
  item('r2', ['Sports', 'Running'], { brand: 'Stride', price: 60, inStock: false }),
  item('r3', ['Sports', 'Running'], { brand: 'Stride', price: 75 }),
  item('c4', ['Outdoor', 'Camping'], { brand: 'Peak', price: 200 }),
  item('c5', ['Outdoor', 'Camping'], { brand: 'Peak', price: 40 }),
  item('c6', ['Outdoor', 'Camping'], { brand: 'Trail', price: 15 }),
  item('k7', ['Home', 'Kitchen'], { brand: 'Chef', price: 30 }),
  item('k8', ['Home', 'Kitchen'], { brand: 'Chef', price: 25 }),
  item('k9', ['Home', 'Kitchen'], { brand: 'Cook', price: 10 }),
];
const n = catalog.length;
const arr = (values: number[]) => Float32Array.from(values);
// Popularity: kitchen most popular, then camping, then running.
const popularity: ScoreSource = { kind: 'popularity', scores: arr([1, 2, 3, 1, 5, 6, 4, 9, 8, 7]) };
const view = (i: number, ts: number, kind: HistoryEntry['kind'] = 'view'): HistoryEntry => ({
  item: i,
  ts,
  kind,
});
const ids = (input: RankInput) => rankItems(input).map((r) => r.item.id);
const base = (over: Partial<RankInput> = {}): RankInput => ({
  catalog,
  sources: [popularity],
  request: { strategy: 'for-you', limit: 4, diversity: 0 },
  ...over,
});

describe('rankItems', () => {
  it('blends sources by weight after normalising each', () => {
    const model: ScoreSource = { kind: 'model', scores: arr([0, 0, 0, 100, 0, 0, 0, 0, 0, 0]) };
    expect(ids(base({ sources: [popularity, model] }))[0]).toBe('r3');
    expect(ids(base({ sources: [popularity, { ...model, weight: 0.01 }] }))[0]).toBe('k7');
  });

  it('applies stock, price, category and brand filters', () => {
    const all = (filter: RankInput['request']['filter']) =>
      ids(base({ request: { strategy: 'for-you', limit: 20, diversity: 0, filter } }));
    expect(all({})).not.toContain('r2');
    expect(all({ inStock: false })).toContain('r2');
    expect(all({ minPrice: 50, maxPrice: 100 }).sort()).toEqual(['r0', 'r3']);
    expect(all({ categories: ['camping'] }).sort()).toEqual(['c4', 'c5', 'c6']);
    expect(all({ categories: ['Sports'], brands: ['fleet'] }).sort()).toEqual(['r0', 'r1']);
  });

  it('excludes ids, purchases and the cart by default, keeps them when told', () => {
    const history = [
      view(7, 1, 'purchase'),
      view(8, 2, 'cart'),
      view(9, 3, 'cart'),
      view(9, 4, 'purchase'),
    ];
    // The cart is core's shopper state, given by the caller (here: item 8 still in it).
    const cart = [8];
    const got = ids(
      base({
        history,
        cart,
        request: { strategy: 'for-you', limit: 20, diversity: 0, exclude: { ids: ['c5'] } },
      }),
    );
    expect(got).not.toContain('k7');
    expect(got).not.toContain('k8');
    expect(got).not.toContain('k9');
    expect(got).not.toContain('c5');
    const kept = ids(
      base({
        history,
        cart,
        request: {
          strategy: 'for-you',
          limit: 20,
          diversity: 0,
          exclude: { purchased: false, inCart: false },
        },
      }),
    );
    expect(kept.slice(0, 3)).toEqual(['k7', 'k8', 'k9']);
    expect(
      ids(base({ history, cart: [4], request: { strategy: 'trending', limit: 20, diversity: 0 } })),
    ).toEqual(expect.not.arrayContaining(['c4']));
  });

  it('spreads results across categories with diversity, not without', () => {
    const plain = rankItems(base({ request: { strategy: 'trending', limit: 3, diversity: 0 } }));
    expect(plain.map((r) => r.item.categories[0])).toEqual(['Home', 'Home', 'Home']);
    const diverse = rankItems(
      base({ request: { strategy: 'trending', limit: 3, diversity: 0.7 } }),
    );
    expect(new Set(diverse.map((r) => r.item.categories[0])).size).toBe(3);
    expect(diverse[0]!.item.id).toBe('k7'); // the most relevant item still leads
  });

  it('uses item vectors for diversity when given', () => {
    // k7, k8 identical vectors; k9 orthogonal: diversity picks k9 over k8.
    const values = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) values.set(i === 9 ? [0, 1] : [1, 0], i * 2);
    const got = ids(
      base({
        vectors: { dim: 2, values },
        request: {
          strategy: 'trending',
          limit: 2,
          diversity: 0.6,
          filter: { categories: ['Kitchen'] },
        },
      }),
    );
    expect(got).toEqual(['k7', 'k9']);
  });

  it('explains co-visitation by the history item that led to it', () => {
    // c6 was visited with r0; k8 bought together with c6.
    const neighbours = sparseFromTriples(n, [0, 6, 3], [6, 8, 1], [1, 1, 0.2]);
    const history = [view(3, 1), view(0, 2)];
    const covisit = covisitScores(neighbours, history);
    const recs = rankItems(
      base({ history, sources: [popularity, { kind: 'covisit', ...covisit }] }),
    );
    expect(recs[0]!.item.id).toBe('c6');
    expect(recs[0]!.explanation).toEqual({
      kind: 'because-viewed',
      text: 'Because you viewed Title r0',
      sourceItemId: 'r0',
    });
    const r1 = recs.find((r) => r.item.id === 'r1')!;
    expect(r1.explanation.sourceItemId).toBe('r3');
    const together = rankItems(
      base({
        history: [view(6, 1, 'purchase')],
        sources: [{ kind: 'bought-together', ...covisitScores(neighbours, [view(6, 1)]) }],
      }),
    );
    expect(together[0]!.explanation).toMatchObject({
      kind: 'bought-together',
      text: 'Bought together with Title c6',
    });
  });

  it('attributes model scores to the most similar recent item, in the shopper language', () => {
    const model: ScoreSource = { kind: 'model', scores: arr([0, 9, 0, 0, 0, 0, 0, 0, 0, 0]) };
    const recs = rankItems(
      base({ history: [view(0, 1, 'purchase'), view(5, 2)], sources: [model], locale: 'zh' }),
    );
    expect(recs[0]!.item.id).toBe('r1');
    expect(recs[0]!.explanation).toEqual({
      kind: 'because-viewed',
      text: '因为你购买过 Title r0',
      sourceItemId: 'r0',
    });
  });

  it('explains popularity and trending by category', () => {
    const recs = rankItems(base());
    expect(recs[0]!.explanation).toEqual({
      kind: 'popular',
      text: 'Popular in Kitchen',
      category: 'Kitchen',
    });
    const trending: ScoreSource = { ...popularity, kind: 'trending' };
    expect(rankItems(base({ sources: [trending] }))[0]!.explanation.kind).toBe('trending');
  });

  it('similar-items never returns the anchor and names it', () => {
    const model: ScoreSource = { kind: 'model', scores: arr([9, 8, 0, 7, 0, 0, 0, 0, 0, 0]) };
    const recs = rankItems(
      base({
        anchor: 0,
        sources: [model],
        request: { strategy: 'similar-items', limit: 2, diversity: 0 },
      }),
    );
    expect(recs.map((r) => r.item.id)).toEqual(['r1', 'r3']);
    expect(recs[0]!.explanation).toEqual({
      kind: 'similar',
      text: 'Similar to Title r0',
      sourceItemId: 'r0',
    });
  });

  it('cold start: no history and a page category gives popular in that category', () => {
    const recs = rankItems(
      base({
        request: {
          strategy: 'for-you',
          limit: 3,
          diversity: 0.3,
          context: { category: 'Running' },
        },
      }),
    );
    // Kitchen is more popular overall, but the page's category comes first; r1 leads it.
    expect(recs[0]!.item.id).toBe('r1');
    expect(recs.map((r) => r.item.id).sort()).toEqual(['r0', 'r1', 'r3']);
    for (const r of recs)
      expect(r.explanation).toEqual({
        kind: 'popular',
        text: 'Popular in Running',
        category: 'Running',
      });
  });

  it('cold start without any source is deterministic, never random', () => {
    const a = ids(base({ sources: [], request: { strategy: 'for-you', limit: 5 } }));
    expect(a).toEqual(ids(base({ sources: [], request: { strategy: 'for-you', limit: 5 } })));
    expect(a[0]).toBe('r0');
  });

  it('recently-viewed keeps cart items and orders by recency', () => {
    const history = [view(4, 1), view(7, 2, 'cart'), view(4, 3), view(1, 4)];
    const recs = rankItems({
      catalog,
      history,
      sources: [{ kind: 'recency', scores: recencyScores(n, history) }],
      request: { strategy: 'recently-viewed', limit: 3, diversity: 0 },
    });
    expect(recs.map((r) => r.item.id)).toEqual(['r1', 'c4', 'k7']);
    expect(recs[0]!.explanation.kind).toBe('recently-viewed');
  });

  it('clamps the limit to 1..100', () => {
    expect(rankItems(base({ request: { strategy: 'trending', limit: 0 } }))).toHaveLength(1);
    expect(rankItems(base({ request: { strategy: 'trending', limit: 500 } }))).toHaveLength(n - 1);
  });
});

describe('blendScorer', () => {
  it('scores with the ranking blend and marks the history', async () => {
    const model: ScoreSource = { kind: 'model', scores: arr([0, 10, 0, 0, 0, 0, 0, 0, 0, 5]) };
    const scorer = blendScorer('blend', () => [model, popularity]);
    const out = new Float32Array(n);
    await scorer.score([view(7, 1)], out);
    expect(out[7]).toBe(-Infinity);
    // model 1 × 10/10 + popularity 0.1 × (2-1)/(8-1) for item 1.
    expect(out[1]).toBeCloseTo(1 + 0.1 / 7, 5);
    expect(out[9]).toBeCloseTo(0.5 + (0.1 * 6) / 7, 5);
  });
});

describe('topK', () => {
  it('is the full sort (score desc, then catalog order) cut at k, ties and -Infinity included', () => {
    const rnd = seededRandom(5);
    for (let round = 0; round < 200; round++) {
      const n = 1 + Math.floor(rnd() * 300);
      // Few distinct values, so ties are common; some items ineligible.
      const scores = Float32Array.from({ length: n }, () =>
        rnd() < 0.1 ? -Infinity : Math.floor(rnd() * 8),
      );
      const k = Math.floor(rnd() * (n + 5));
      const reference = [...scores.keys()]
        .filter((i) => scores[i]! > -Infinity)
        .sort((a, b) => scores[b]! - scores[a]! || a - b)
        .slice(0, k);
      expect(topK(scores, k)).toEqual(reference);
    }
  });
});
