import { describe, expect, it } from 'vitest';
import {
  DEFAULT_WEIGHTS,
  explain,
  filterPredicate,
  metadataSimilarity,
  mmrSelect,
  rotationFactors,
  seededRandom,
  sourceOrder,
  vectorSimilarity,
  type CatalogItem,
  type Catalog,
  type HistoryEntry,
  type RankInput,
  type Recommendation,
  type RecommendRequest,
  type ScoreSource,
} from '@insitu/core';
import {
  InsituModel,
  jsScoreEngine,
  quantizeRows,
  type ArtifactManifest,
  type PersonalHead,
} from '@insitu/model';
import { topKNeighbours } from '../../../../model/src/neighbours.ts';
import { alignModel } from './model-runtime.ts';
import { modelRecommend, type StrategyModel } from './model-strategies.ts';
import type { ShopperHistory } from './shopper-history.ts';

// The pipeline as it was before it was fused, written plainly: full-catalog attribution arrays,
// seen items excluded by id, each source normalised in its own passes, a full sort instead of a
// partial top-k. `modelRecommend` must give exactly its ids, order, scores and explanations.

const DIMS = 8;
const CATEGORIES = [
  ['Sports', 'Running'],
  ['Sports', 'Tennis'],
  ['Home', 'Kitchen'],
  ['Home', 'Garden'],
  ['Outdoor', 'Camping'],
];
const BRANDS = ['Fleet', 'Peak', 'Chef', 'Trail', undefined];

function shop(seed: number, items: number, aligned: boolean) {
  const rnd = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const catalog: Catalog = {
    items: Array.from({ length: items }, (_, i): CatalogItem => {
      const brand = pick(BRANDS);
      return {
        id: `p${i}`,
        title: `Item ${i}`,
        categories: [...pick(CATEGORIES)],
        inStock: rnd() > 0.1,
        tags: [],
        ...(rnd() > 0.1 ? { price: Math.round(rnd() * 200) } : {}),
        ...(brand === undefined ? {} : { brand }),
      };
    }),
  } as Catalog;
  // Unaligned: the model knows a shuffled 90% of the catalog and a few items the shop dropped.
  const ids = catalog.items.map((item) => item.id);
  const itemIds = aligned
    ? ids
    : [...ids.filter(() => rnd() > 0.1), 'gone1', 'gone2'].sort(() => rnd() - 0.5);
  const rows = itemIds.length;
  const vectors = Float32Array.from({ length: rows * DIMS }, () => rnd() * 2 - 1);
  const neighbours = Array.from({ length: rows }, () => {
    const row = new Map<number, number>();
    const count = Math.floor(rnd() * 30);
    // Half the neighbours among 60 items and few score levels: rows overlap and shares tie.
    for (let k = 0; k < count; k++) {
      row.set(Math.floor(rnd() * (rnd() < 0.5 ? 60 : rows)), 1 + Math.floor(rnd() * 3));
    }
    return row;
  });
  const manifest = {
    format: 'insitu-model',
    formatVersion: 2,
    itemCount: rows,
    dims: DIMS,
    itemIds,
    kind: 'content',
    encoder: null,
    blend: { model: 1, temperature: 0.5, covis: 0.7, recency: 0.6, popularity: 0.1 },
  } as unknown as ArtifactManifest;
  const model = new InsituModel({
    manifest,
    embeddings: quantizeRows(vectors, rows, DIMS),
    encoder: null,
    neighbours: topKNeighbours(neighbours, 20),
    popularity: Float32Array.from({ length: rows }, () => Math.floor(rnd() * 50) / 50),
    centroids: [],
  });
  const strategyModel: StrategyModel = {
    model,
    engine: jsScoreEngine(model.itemVectors, model.itemCount, model.dims),
    catalog,
    ...alignModel(model, catalog),
  };
  return { catalog, model, strategyModel };
}

/** Old `neighbourSource`: the sorted neighbour lists of the anchors, every item attributed. */
function neighbourSource(m: StrategyModel, anchors: readonly number[], decay = 1) {
  const scores = new Float32Array(m.rowOf.length);
  const best = new Float32Array(m.rowOf.length);
  const because = new Int32Array(m.rowOf.length).fill(-1);
  let w = 1;
  for (let k = anchors.length - 1; k >= 0; k--, w *= decay) {
    const row = m.rowOf[anchors[k]!]!;
    if (row < 0) continue;
    for (const [to, s] of m.model.boughtTogether(row, 100)) {
      const i = m.itemOf[to]!;
      if (i < 0) continue;
      scores[i]! += w * s;
      if (w * s > best[i]!) {
        best[i] = w * s;
        because[i] = anchors[k]!;
      }
    }
  }
  return { scores, because };
}

const toCatalog = (m: StrategyModel, rowScores: ArrayLike<number>) =>
  Float32Array.from(m.rowOf, (row) => (row >= 0 ? rowScores[row]! : NaN));

/** The ranking, one plain step after another. */
function referenceRank(input: RankInput): Recommendation[] {
  const { catalog, request } = input;
  const history = input.history ?? [];
  const strategy = request.strategy;
  const exclude = request.exclude ?? {};
  const passes = filterPredicate(request.filter);
  const ids = new Set(exclude.ids ?? []);
  const bought = new Set(history.filter((e) => e.kind === 'purchase').map((e) => e.item));
  const seen = new Set(history.map((e) => e.item));
  const cart = new Set(input.cart ?? []);
  const dropPurchased = exclude.purchased ?? !['trending', 'recently-viewed'].includes(strategy);
  const dropCart = exclude.inCart ?? strategy !== 'recently-viewed';
  const firstOf = new Map<string, number>();
  catalog.forEach((item, i) => firstOf.has(item.id) || firstOf.set(item.id, i));
  const eligible = catalog.map(
    (item, i) =>
      passes(item) &&
      !(ids.has(item.id) && firstOf.get(item.id) === i) &&
      !(dropPurchased && bought.has(i)) &&
      !(dropCart && cart.has(i)) &&
      i !== input.anchor &&
      (strategy !== 'recently-viewed' || seen.has(i)),
  );
  const scores = new Float32Array(catalog.length);
  const best = new Float32Array(catalog.length);
  const top = new Int8Array(catalog.length).fill(-1);
  input.sources.forEach((source, k) => {
    const weight = source.weight ?? DEFAULT_WEIGHTS[source.kind];
    const values = [...source.scores].filter((v, i) => eligible[i] && Number.isFinite(v));
    const [min, max] = [Math.min(...values), Math.max(...values)];
    if (!(weight > 0) || !(max > min)) return;
    source.scores.forEach((v, i) => {
      if (!eligible[i] || !Number.isFinite(v)) return;
      const c = (weight * (v - min)) / (max - min);
      scores[i]! += c;
      if (c > best[i]!) [best[i], top[i]] = [c, k];
    });
  });
  const category = request.context?.category?.toLowerCase();
  if (history.length === 0 && category !== undefined) {
    let boost = 1;
    for (const s of input.sources) boost += Math.max(0, s.weight ?? DEFAULT_WEIGHTS[s.kind]);
    catalog.forEach((item, i) => {
      if (item.categories.some((c) => c.toLowerCase() === category)) scores[i]! += boost;
    });
  }
  if (input.rotation !== undefined) scores.forEach((_, i) => (scores[i]! *= input.rotation![i]!));
  catalog.forEach((_, i) => eligible[i] || (scores[i] = -Infinity));
  const limit = Math.max(1, Math.min(100, Math.floor(request.limit ?? 8)));
  const diversity = Math.max(0, Math.min(1, request.diversity ?? 0.3));
  const pool = catalog
    .map((_, i) => i)
    .filter((i) => eligible[i])
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .slice(0, diversity > 0 ? limit * 5 : limit);
  const similarity =
    input.vectors === undefined ? metadataSimilarity(catalog) : vectorSimilarity(input.vectors);
  const ctx = { input, history, similarity };
  return mmrSelect(pool, scores, limit, diversity, similarity).map((i) => ({
    item: catalog[i]!,
    score: scores[i]!,
    explanation: explain(ctx, i, top[i]!),
  }));
}

/** The strategies as they were, over the reference ranking. */
async function reference(
  m: StrategyModel,
  request: RecommendRequest,
  shopper: ShopperHistory,
  now: number,
  personal?: PersonalHead,
): Promise<Recommendation[]> {
  const items = m.catalog.items;
  const rowOf = (id: string) => {
    const i = items.findIndex((item) => item.id === id);
    return i < 0 ? undefined : i;
  };
  const rotation = rotationFactors(shopper.shown, rowOf, items.length, request, now);
  const common = {
    catalog: items,
    vectors: m.vectors,
    locale: 'en' as const,
    history: shopper.history,
    cart: shopper.cart,
    ...(rotation === undefined ? {} : { rotation }),
  };
  const trending = () =>
    referenceRank({
      ...common,
      request,
      sources: [{ kind: 'trending', scores: toCatalog(m, m.model.popularity()) }],
    });
  const forYou = async () => {
    const known = shopper.history.filter((e) => m.rowOf[e.item]! >= 0);
    if (known.length === 0) return trending();
    const rows = known.map((e) => ({ ...e, item: m.rowOf[e.item]! }));
    const c = await m.model.components(rows);
    const w = m.model.manifest.blend;
    const blended = new Float32Array(c.popularity.length);
    blended.forEach(
      (_, i) => (blended[i] = w.covis * c.covis[i]! + w.popularity * c.popularity[i]!),
    );
    if (c.model !== null) blended.forEach((_, i) => (blended[i]! += w.model * c.model![i]!));
    const content = c.content;
    if (content !== null)
      blended.forEach((_, i) => (blended[i]! += (w.content ?? 0) * content[i]!));
    if (personal !== undefined) {
      const dots = await m.engine.dot(personal.offset);
      dots.forEach((v, r) => (blended[r]! += personal.temperature * v));
    }
    const recent = known.map((e) => e.item).slice(-20);
    const { because } = neighbourSource(m, recent, m.model.manifest.blend.recency);
    const seen = shopper.history.map((e) => items[e.item]!.id);
    const exclude = { ...request.exclude, ids: [...(request.exclude?.ids ?? []), ...seen] };
    const sources: ScoreSource[] = [{ kind: 'model', scores: toCatalog(m, blended), because }];
    return referenceRank({ ...common, request: { ...request, exclude }, sources });
  };
  const anchor = request.itemId === undefined ? undefined : rowOf(request.itemId);
  if (request.strategy === 'for-you') return forYou();
  if (request.strategy === 'trending') return trending();
  if (request.strategy === 'similar-items') {
    const a = anchor ?? shopper.lastViewed;
    const row = a === undefined ? -1 : m.rowOf[a]!;
    if (a === undefined || row < 0) return forYou();
    const dots = await m.engine.dot(m.model.itemVectors.slice(row * DIMS, (row + 1) * DIMS));
    const na = m.norms[row]! || 1;
    const cosine = dots.map((v, r) => v / (na * (m.norms[r]! || 1)));
    const sources: ScoreSource[] = [
      { kind: 'model', scores: toCatalog(m, cosine) },
      { kind: 'covisit', scores: neighbourSource(m, [a]).scores },
    ];
    return referenceRank({ ...common, request, sources, anchor: a });
  }
  // The anchor, else the cart, else the latest view.
  const viewed = shopper.lastViewed === undefined ? [] : [shopper.lastViewed];
  const anchors =
    anchor === undefined ? (shopper.cart.length > 0 ? shopper.cart : viewed) : [anchor];
  if (anchors.length === 0) return trending();
  const sources: ScoreSource[] = [
    { kind: 'bought-together', ...neighbourSource(m, anchors) },
    { kind: 'popularity', scores: toCatalog(m, m.model.popularity()), weight: 0.05 },
  ];
  return referenceRank({
    ...common,
    request,
    sources,
    ...(anchors.length === 1 ? { anchor: anchors[0]! } : {}),
  });
}

const STRATEGIES = ['for-you', 'similar-items', 'bought-together', 'trending'] as const;

/** A random shopper and request over `n` catalog items. */
function randomCase(rnd: () => number, n: number, catalog: Catalog) {
  const int = (k: number) => Math.floor(rnd() * k);
  const id = (i: number) => catalog.items[i]!.id;
  const history: HistoryEntry[] = [];
  const used = new Set<number>();
  const length = rnd() < 0.15 ? 0 : 1 + int(30);
  for (let k = 0; k < length; k++) {
    const item = int(n);
    if (used.has(item)) continue;
    used.add(item);
    history.push({
      item,
      ts: 1000 + k,
      kind: (['view', 'view', 'cart', 'purchase'] as const)[int(4)]!,
    });
  }
  const cart = rnd() < 0.5 ? [] : Array.from({ length: 1 + int(3) }, () => int(n));
  const shown =
    rnd() < 0.5
      ? []
      : Array.from({ length: int(20) }, () => ({ id: id(int(n)), ts: [1000 + int(9000), 9000] }));
  const shopper: ShopperHistory = {
    history,
    cart: [...new Set(cart)],
    lastViewed: history.filter((e) => e.kind === 'view').at(-1)?.item,
    shown,
  };
  const category = CATEGORIES[int(CATEGORIES.length)]![int(2)]!;
  const filters: RecommendRequest['filter'][] = [
    undefined,
    { inStock: false },
    { categories: [category.toUpperCase()] },
    { minPrice: 20, maxPrice: 150 },
    { brands: ['fleet', 'Peak'] },
  ];
  const request = {
    strategy: STRATEGIES[int(STRATEGIES.length)]!,
    limit: 1 + int(20),
    ...(rnd() < 0.8 ? { diversity: [0, 0.3, 0.7, 1][int(4)]! } : {}),
    ...(rnd() < 0.6 ? { filter: filters[int(filters.length)] } : {}),
    ...(rnd() < 0.3 ? { exclude: { ids: [id(int(n)), id(int(n))], purchased: rnd() < 0.5 } } : {}),
    ...(rnd() < 0.3 ? { context: { category } } : {}),
    ...(rnd() < 0.6 ? { itemId: rnd() < 0.9 ? id(int(n)) : 'unknown' } : {}),
  } as RecommendRequest;
  return { shopper, request };
}

const view = (r: Recommendation[]) => r.map((x) => ({ id: x.item.id, explanation: x.explanation }));

describe('the fused recommend pipeline', () => {
  for (const aligned of [true, false]) {
    it(`ranks exactly as the plain pipeline (${aligned ? 'model in catalog order' : 'shuffled, partial model'})`, async () => {
      const { catalog, model, strategyModel } = shop(aligned ? 11 : 12, 1500, aligned);
      const rnd = seededRandom(aligned ? 5 : 6);
      const now = 10_000;
      let compared = 0;
      for (let c = 0; c < 300; c++) {
        const { shopper, request } = randomCase(rnd, catalog.items.length, catalog);
        const personal =
          rnd() < 0.2
            ? { offset: Float32Array.from({ length: DIMS }, () => rnd() - 0.5), temperature: 0.5 }
            : undefined;
        const got = await modelRecommend(strategyModel, request, shopper, {
          now,
          ...(personal === undefined ? {} : { personal }),
        });
        const want = await reference(strategyModel, request, shopper, now, personal);
        const label = JSON.stringify({ c, request });
        expect(view(got!.items), label).toEqual(view(want));
        got!.items.forEach((x, k) => expect(x.score, label).toBe(want[k]!.score));
        compared += want.length;
      }
      expect(compared).toBeGreaterThan(1000);
      model.dispose();
    });
  }

  it("takes the first stage's popularity order over, with the same answers", async () => {
    const own = shop(15, 600, false);
    const lent = shop(15, 600, false);
    // As the light model builds it: the artifact's popularity in catalog order, NaN where unknown.
    const scores = Float32Array.from(lent.catalog.items, (item) => {
      const row = lent.model.indexOf(item.id);
      return row < 0 ? NaN : lent.model.popularity()[row]!;
    });
    let sorts = 0;
    let order: ReturnType<typeof sourceOrder> | undefined;
    const popular = () => (order ??= (sorts++, sourceOrder(scores)));
    const rnd = seededRandom(8);
    for (let c = 0; c < 60; c++) {
      const { shopper, request } = randomCase(rnd, own.catalog.items.length, own.catalog);
      const cold = c % 2 === 0 ? { ...shopper, history: [], lastViewed: undefined } : shopper;
      const asked = { ...request, strategy: c % 3 === 0 ? 'bought-together' : 'trending' } as const;
      const want = await modelRecommend(own.strategyModel, asked, cold, { now: 10_000 });
      const got = await modelRecommend({ ...lent.strategyModel, popular }, asked, cold, {
        now: 10_000,
      });
      expect(view(got!.items)).toEqual(view(want!.items));
      got!.items.forEach((x, k) => expect(x.score).toBe(want!.items[k]!.score));
    }
    expect(sorts).toBe(1);
    own.model.dispose();
    lent.model.dispose();
  });

  it('reuses the last scores only for the same history, personal head and backend', async () => {
    const { catalog, model, strategyModel } = shop(14, 900, false);
    const inner = jsScoreEngine(model.itemVectors, model.itemCount, model.dims);
    let name = 'js';
    let dots = 0;
    const counting = {
      get name() {
        return name;
      },
      dot: (user: Float32Array) => (dots++, inner.dot(user)),
      dispose() {},
    };
    model.useEngine(counting);
    const m: StrategyModel = { ...strategyModel, engine: counting };
    const rnd = seededRandom(21);
    // Three shoppers asked in turn with fresh requests: the memo is hit, missed and replaced.
    const shoppers = Array.from({ length: 3 }, () => {
      let c = randomCase(rnd, catalog.items.length, catalog);
      while (c.shopper.history.length === 0) c = randomCase(rnd, catalog.items.length, catalog);
      return c.shopper;
    });
    const head = { offset: Float32Array.from({ length: DIMS }, () => rnd() - 0.5), temperature: 1 };
    const ask = async (shopper: ShopperHistory, personal?: PersonalHead) => {
      const { request } = randomCase(rnd, catalog.items.length, catalog);
      const forYou = { ...request, strategy: 'for-you' } as RecommendRequest;
      const options = { now: 10_000, ...(personal === undefined ? {} : { personal }) };
      const before = dots;
      const got = await modelRecommend(m, forYou, shopper, options);
      const used = dots - before;
      const want = await reference(m, forYou, shopper, 10_000, personal);
      expect(view(got!.items)).toEqual(view(want));
      got!.items.forEach((x, k) => expect(x.score).toBe(want[k]!.score));
      return used;
    };
    // for-you dots once for the user vector, once more for a personal head.
    expect(await ask(shoppers[0]!)).toBe(1);
    expect(await ask(shoppers[0]!)).toBe(0);
    expect(await ask(shoppers[1]!)).toBe(1);
    expect(await ask(shoppers[0]!)).toBe(1);
    expect(await ask(shoppers[0]!, head)).toBe(2);
    expect(await ask(shoppers[0]!, { ...head, offset: head.offset.slice() })).toBe(0);
    const moved = { ...head, offset: head.offset.map((x, j) => (j === 0 ? x + 0.25 : x)) };
    expect(await ask(shoppers[0]!, moved)).toBe(2);
    // One more event, or the same items seen at another time, is another history.
    const s = shoppers[0]!;
    const later = { ...s, history: [...s.history, { ...s.history[0]!, ts: 99_999 }] };
    expect(await ask(later)).toBe(1);
    expect(await ask(s)).toBe(1);
    const retimed = { ...s, history: s.history.map((e, k) => (k === 0 ? { ...e, ts: 1 } : e)) };
    expect(await ask(retimed)).toBe(1);
    expect(await ask(retimed)).toBe(0);
    const other = (kind: HistoryEntry['kind']) => (kind === 'purchase' ? 'view' : 'purchase');
    const rekinded = {
      ...s,
      history: retimed.history.map((e, k) => (k === 0 ? { ...e, kind: other(e.kind) } : e)),
    };
    expect(await ask(rekinded)).toBe(1);
    expect(await ask(retimed)).toBe(1);
    name = 'wasm';
    expect(await ask(retimed)).toBe(1);
    // similar-items keeps the last anchor's cosine.
    const similar = async (item: number) => {
      const request = { strategy: 'similar-items', itemId: catalog.items[item]!.id } as const;
      const before = dots;
      const got = await modelRecommend(m, request, s, { now: 10_000 });
      const used = dots - before;
      expect(view(got!.items)).toEqual(view(await reference(m, request, s, 10_000)));
      return used;
    };
    const [a, b] = [...m.rowOf.keys()].filter((i) => m.rowOf[i]! >= 0);
    expect(await similar(a!)).toBe(1);
    expect(await similar(a!)).toBe(0);
    expect(await similar(b!)).toBe(1);
    expect(await similar(a!)).toBe(1);
    model.dispose();
  });

  it('gives the same answers to calls in flight together as one at a time', async () => {
    const { catalog, strategyModel } = shop(13, 800, true);
    const rnd = seededRandom(9);
    const cases = Array.from({ length: 40 }, () => randomCase(rnd, catalog.items.length, catalog));
    const call = ({ shopper, request }: (typeof cases)[number]) =>
      modelRecommend(strategyModel, request, shopper, { now: 10_000 }).then((r) => r!.items);
    const together = await Promise.all(cases.map(call));
    for (const [k, c] of cases.entries()) expect(together[k]).toEqual(await call(c));
  });
});
