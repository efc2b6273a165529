import {
  rankItems,
  rotationFactors,
  rowsById,
  sourceOrder,
  type RotationOptions,
  type HistoryEntry,
  type RankInput,
  type RecommendRequest,
  type RecommendResult,
  type ScoreSource,
  type SourceOrder,
} from '@insitu/core';
import {
  neighbourScore,
  type InsituModel,
  type PersonalHead,
  type ScoreEngine,
} from '@insitu/model';
import type { ShopperHistory } from './shopper-history.ts';

/** What the strategies read: the model lined up with the catalog (see `model-runtime.ts`). */
export interface StrategyModel {
  model: InsituModel;
  /** The engine the model scores with (the same one, for similarity dot products). */
  engine: ScoreEngine;
  catalog: { items: RankInput['catalog'] };
  rowOf: Int32Array;
  itemOf: Int32Array;
  vectors: NonNullable<RankInput['vectors']>;
  norms: Float32Array;
  /** Language of the explanations (the shop's configured `language`). */
  locale?: 'en' | 'zh';
  /** This request's rotation factors (catalog order), when rotation applies. */
  rotation?: Float32Array;
  /** The personal head for-you scores with, when one is trained. */
  personal?: PersonalHead;
  /** The first stage's popularity order for this catalog (`LightModel.popular`), when loaded. */
  popular?: () => SourceOrder;
}

/** Neighbours read per anchor or history item: deeper than any page shows. */
const NEIGHBOURS = 100;
/** Weight of popularity under bought-together: it only orders items with no neighbour data. */
const FILL_WEIGHT = 0.05;

/**
 * The last scores of a strategy and what they were computed from. A page asks again with the same
 * history far more often than the history changes (a second widget, another filter or limit, a
 * route change), and everything that depends on the request is applied later, by `rankItems`.
 */
interface Memo<K> {
  key: K;
  /** The backend that computed them: another one rounds differently. */
  engine: string;
  /** Catalog order, owned by the memo: `rankItems` only reads its sources. */
  scores: Float32Array;
}
interface ForYouKey {
  rows: HistoryEntry[];
  personal: PersonalHead | undefined;
}

/** Per model and catalog: whether rows are in catalog order, buffers reused, the last scores. */
interface Scratch {
  identity: boolean;
  a: Float32Array;
  b: Float32Array;
  forYou?: Memo<ForYouKey>;
  /** Cosine similarity to the anchor's model row. */
  similar?: Memo<number>;
}
const scratchOf = new WeakMap<Int32Array, Scratch>();
/** Filled and handed to `rankItems` with no await in between, so calls never share them. */
function scratch(m: StrategyModel): Scratch {
  let s = scratchOf.get(m.rowOf);
  if (s === undefined) {
    const n = m.rowOf.length;
    let identity = n === m.model.itemCount;
    for (let i = 0; identity && i < n; i++) identity = m.rowOf[i] === i;
    s = { identity, a: new Float32Array(n), b: new Float32Array(n) };
    scratchOf.set(m.rowOf, s);
  }
  return s;
}

/** Whether a for-you memo was computed from this history (every field) and personal head. */
function sameForYou(a: ForYouKey, b: ForYouKey): boolean {
  if (a.rows.length !== b.rows.length) return false;
  for (let i = 0; i < a.rows.length; i++) {
    const [x, y] = [a.rows[i]!, b.rows[i]!];
    if (x.item !== y.item || x.ts !== y.ts || x.kind !== y.kind) return false;
  }
  const [p, q] = [a.personal, b.personal];
  if (p === undefined || q === undefined) return p === q;
  if (p.temperature !== q.temperature || p.offset.length !== q.offset.length) return false;
  for (let j = 0; j < p.offset.length; j++) if (p.offset[j] !== q.offset[j]) return false;
  return true;
}

/** Model-row scores → catalog order; unknown items get NaN (no contribution). */
function toCatalog(m: StrategyModel, rowScores: Float32Array, out: Float32Array): Float32Array {
  if (scratch(m).identity) return rowScores;
  for (let i = 0; i < out.length; i++) {
    const row = m.rowOf[i]!;
    out[i] = row >= 0 ? rowScores[row]! : NaN;
  }
  return out;
}

/** Calls `each(catalog index, score)` for the neighbours of a catalog item (read in place). */
function eachNeighbour(m: StrategyModel, item: number, each: (to: number, s: number) => void) {
  const row = m.rowOf[item]!;
  if (row < 0) return;
  const t = m.model.neighbourTable;
  const [start, end] = [t.offsets[row]!, t.offsets[row + 1]!];
  if (end - start > NEIGHBOURS) {
    for (const [to, s] of m.model.boughtTogether(row, NEIGHBOURS)) each(m.itemOf[to]!, s);
    return;
  }
  for (let e = start; e < end; e++) each(m.itemOf[t.cols[e]!]!, neighbourScore(t, row, e));
}

/** Neighbour scores of `anchors` (catalog indices), written into `out` in catalog order. */
function neighbourScores(m: StrategyModel, anchors: readonly number[], out: Float32Array) {
  out.fill(0);
  for (let k = anchors.length - 1; k >= 0; k--) {
    eachNeighbour(m, anchors[k]!, (i, s) => {
      if (i >= 0) out[i]! += s;
    });
  }
  return out;
}

/**
 * Which anchor led to an item: the one whose neighbour row gives it the largest share (the latest
 * anchor on a tie). Computed only for the items explained, not for the whole catalog.
 */
function neighbourBecause(m: StrategyModel, anchors: readonly number[], decay = 1) {
  return (item: number) => {
    let best = 0;
    let because = -1;
    let w = 1;
    for (let k = anchors.length - 1; k >= 0; k--, w *= decay) {
      eachNeighbour(m, anchors[k]!, (i, s) => {
        if (i === item && w * s > best) {
          best = Math.fround(w * s);
          because = anchors[k]!;
        }
      });
    }
    return because;
  };
}

const rank = (
  m: StrategyModel,
  request: RecommendRequest,
  sources: ScoreSource[],
  extra: Partial<RankInput>,
): RecommendResult => ({
  strategy: request.strategy,
  items: rankItems({
    catalog: m.catalog.items,
    sources,
    vectors: m.vectors,
    request,
    ...(m.locale === undefined ? {} : { locale: m.locale }),
    ...(m.rotation === undefined ? {} : { rotation: m.rotation }),
    ...extra,
  }),
  source: 'model',
  backend: m.engine.name,
});

const popularityOf = new WeakMap<StrategyModel['model'], SourceOrder>();
/**
 * The artifact's popularity in catalog order with its order (`sourceOrder`, so trending walks it
 * rather than scoring every item): fixed for a loaded model, so computed once.
 */
function popularity(m: StrategyModel): SourceOrder {
  let p = popularityOf.get(m.model);
  if (p === undefined) {
    p =
      m.popular?.() ??
      sourceOrder(toCatalog(m, m.model.popularity(), new Float32Array(m.rowOf.length)).slice());
    popularityOf.set(m.model, p);
  }
  return p;
}

/** No usable history: what is trending in the shop, the page's category first. */
function coldStart(m: StrategyModel, request: RecommendRequest, shopper: ShopperHistory) {
  return trendingFrom(m.catalog.items, popularity(m), request, shopper, {
    vectors: m.vectors,
    backend: m.engine.name,
    ...(m.locale === undefined ? {} : { locale: m.locale }),
    ...(m.rotation === undefined ? {} : { rotation: m.rotation }),
  });
}

/**
 * Trending from the shop's time-decayed popularity in catalog order (with its `sourceOrder`): the
 * model's cold start, and all a first visit needs before the rest of the artifact has loaded
 * (`light-model.ts`).
 */
export function trendingFrom(
  items: RankInput['catalog'],
  popular: SourceOrder,
  request: RecommendRequest,
  shopper: ShopperHistory,
  options: Pick<RankInput, 'vectors' | 'locale' | 'rotation'> & { backend: string },
): RecommendResult {
  const { backend, ...rest } = options;
  return {
    strategy: request.strategy,
    items: rankItems({
      catalog: items,
      sources: [{ kind: 'trending', scores: popular.scores, ranked: popular }],
      history: shopper.history,
      cart: shopper.cart,
      request,
      ...rest,
    }),
    source: 'model',
    backend,
  };
}

/**
 * for-you: the model's blended score of the history (`InsituModel.scoreHistory`, the very scores
 * `insitu eval` measures) as the one ranking source, so the order matches the eval; the
 * co-visitation neighbour that led to each item names the "because you viewed X". Items already
 * in the history are not recommended again (the eval protocol ranks unseen items too).
 */
async function forYou(m: StrategyModel, request: RecommendRequest, shopper: ShopperHistory) {
  const rows: HistoryEntry[] = [];
  const recent: number[] = [];
  for (const e of shopper.history) {
    const row = m.rowOf[e.item]!;
    if (row < 0) continue;
    rows.push({ ...e, item: row });
    recent.push(e.item);
  }
  if (rows.length === 0) return coldStart(m, request, shopper);
  const key: ForYouKey = { rows, personal: m.personal };
  let memo = scratch(m).forYou;
  if (memo === undefined || memo.engine !== m.engine.name || !sameForYou(memo.key, key)) {
    const rowScores = await m.model.scoreHistory(rows, m.personal);
    const owned = scratch(m).identity ? rowScores : new Float32Array(m.rowOf.length);
    // The engine after the call: a backend that failed during it has handed over to the next.
    memo = { key, engine: m.engine.name, scores: toCatalog(m, rowScores, owned) };
    scratch(m).forYou = memo;
  }
  const scores = memo.scores;
  const because = neighbourBecause(m, recent.slice(-20), m.model.manifest.blend.recency);
  return rank(m, request, [{ kind: 'model', scores, because }], {
    history: shopper.history,
    cart: shopper.cart,
    excludeHistory: true,
  });
}

/** similar-items: cosine of item vectors (one engine call) plus the anchor's neighbours. */
async function similar(m: StrategyModel, request: RecommendRequest, shopper: ShopperHistory) {
  const anchor = anchorOf(m, request) ?? shopper.lastViewed;
  const row = anchor === undefined ? -1 : m.rowOf[anchor]!;
  if (anchor === undefined || row < 0) return forYou(m, request, shopper);
  let memo = scratch(m).similar;
  if (memo === undefined || memo.engine !== m.engine.name || memo.key !== row) {
    const d = m.model.dims;
    const dots = await m.engine.dot(m.model.itemVectors.slice(row * d, (row + 1) * d));
    const { rowOf, norms } = m;
    const cosine = new Float32Array(rowOf.length);
    const na = norms[row]! || 1;
    for (let i = 0; i < cosine.length; i++) {
      const r = rowOf[i]!;
      cosine[i] = r >= 0 ? dots[r]! / (na * (norms[r]! || 1)) : NaN;
    }
    memo = { key: row, engine: m.engine.name, scores: cosine };
    scratch(m).similar = memo;
  }
  const cosine = memo.scores;
  const covisit = scratch(m).b;
  const sources: ScoreSource[] = [
    { kind: 'model', scores: cosine },
    { kind: 'covisit', scores: neighbourScores(m, [anchor], covisit) },
  ];
  return rank(m, request, sources, { anchor, history: shopper.history, cart: shopper.cart });
}

/** bought-together: neighbours of the anchor, else of the cart ("complete your order"). */
function boughtTogether(m: StrategyModel, request: RecommendRequest, shopper: ShopperHistory) {
  const anchor = anchorOf(m, request);
  const anchors =
    anchor !== undefined
      ? [anchor]
      : shopper.cart.length > 0
        ? shopper.cart
        : shopper.lastViewed === undefined
          ? []
          : [shopper.lastViewed];
  if (anchors.length === 0) return coldStart(m, request, shopper);
  const sources: ScoreSource[] = [
    {
      kind: 'bought-together',
      scores: neighbourScores(m, anchors, scratch(m).a),
      because: neighbourBecause(m, anchors),
    },
    { kind: 'popularity', scores: popularity(m).scores, weight: FILL_WEIGHT },
  ];
  return rank(m, request, sources, {
    ...(anchors.length === 1 ? { anchor: anchors[0]! } : {}),
    history: shopper.history,
    cart: shopper.cart,
  });
}

function anchorOf(m: StrategyModel, request: RecommendRequest): number | undefined {
  if (request.itemId === undefined) return undefined;
  return rowsById(m.catalog.items).get(request.itemId);
}

/**
 * Answers the model strategies (for-you, similar-items, bought-together) and trending (the shop's
 * time-decayed popularity from the artifact, rather than this device's own counts); undefined for
 * recently-viewed, which the basic strategies answer. Filters, exclusions, diversity and explanations are
 * `rankItems`'s, the same code `insitu eval` ranks with.
 */
export async function modelRecommend(
  model: StrategyModel,
  request: RecommendRequest,
  shopper: ShopperHistory,
  options: {
    locale?: 'en' | 'zh';
    rotation?: RotationOptions;
    now?: number;
    personal?: PersonalHead;
  } = {},
): Promise<RecommendResult | undefined> {
  const items = model.catalog.items;
  const rows = rowsById(items);
  const rotation = rotationFactors(
    shopper.shown,
    (id) => rows.get(id),
    items.length,
    request,
    options.now ?? Date.now(),
    options.rotation,
  );
  const m: StrategyModel = {
    ...model,
    locale: options.locale ?? 'en',
    ...(rotation === undefined ? {} : { rotation }),
    ...(options.personal === undefined ? {} : { personal: options.personal }),
  };
  if (request.strategy === 'for-you') return forYou(m, request, shopper);
  if (request.strategy === 'similar-items') return similar(m, request, shopper);
  if (request.strategy === 'bought-together') return boughtTogether(m, request, shopper);
  if (request.strategy === 'trending') return coldStart(m, request, shopper);
  return undefined;
}
