import { meaningOf, numberOf as num, stringOf as str } from '../event-meaning.ts';
import type { StoredEvent } from '../events.ts';
import type { JsonValue } from '../json.ts';
import { own, putOwn } from '../own.ts';
import { applyShopperEvent, type ShopperLine } from '../shopper/shopper-state.ts';
import { sentimentOf } from '../text/sentiment.ts';
import { knownTerms } from '../text/tf-idf.ts';
import { catalogCategory, knownBrand, type CatalogIndex } from './catalog-index.ts';
import { addDecayed, DAY_MS, decayFactor, decayedAt } from './decay.ts';
import { eventProducts, productOf, type EventProduct } from './event-products.ts';
import { foldSession } from './fold-session.ts';
import { ACTIVITY_DAYS, type Affinity, type EventKind, type ProfileState } from './state.ts';

/** Share of an item's weight given to each broader category above its own. */
const ANCESTOR_SHARE = 0.25;
/** Tags kept; beyond it the weakest are dropped (amortised: only when the cap is passed). */
const MAX_TAGS = 400;
const KEEP_TAGS = 300;
const PRUNE_EVERY = 64;
/** How much an engagement of each kind counts in the price band. */
const PRICE_WEIGHT: Partial<Record<EventKind, number>> = {
  view: 1,
  click: 0.5,
  add: 2,
  checkout: 2,
  purchase: 4,
  wishlist: 2,
};
/** Interest a brand or category filter on a product list gives to what it names. */
const FILTER_WEIGHT = 1;

function credit(
  map: Record<string, Affinity>,
  key: string,
  w: number,
  kind: EventKind,
  ts: number,
  half: number,
  item?: string,
): void {
  let a = own(map, key);
  if (a === undefined) putOwn(map, key, (a = { v: 0, t: 0, n: {}, items: [] }));
  addDecayed(a, w, ts, half);
  a.n[kind] = (a.n[kind] ?? 0) + 1;
  if (item !== undefined && a.items[0] !== item) {
    a.items = [item, ...a.items.filter((x) => x !== item)].slice(0, 3);
  }
}

function creditProduct(s: ProfileState, p: EventProduct, w: number, kind: EventKind, ts: number) {
  const half = s.halfLifeDays;
  const leaf = p.categories.length - 1;
  p.categories.forEach((c, i) => {
    credit(s.categories, c, i === leaf ? w : w * ANCESTOR_SHARE, kind, ts, half, p.id);
  });
  if (p.brand !== undefined) credit(s.brands, p.brand, w, kind, ts, half, p.id);
  for (const t of p.terms) credit(s.tags, t.term, w * t.weight, kind, ts, half, p.id);
}

function foldPrice(s: ProfileState, p: EventProduct, kind: EventKind, ts: number, sign = 1) {
  const base = PRICE_WEIGHT[kind];
  if (base === undefined || p.price === undefined) return;
  const w = sign * base;
  const ps = s.price;
  if (ts > ps.t) {
    const f = ps.t === 0 ? 0 : decayFactor(ts - ps.t, s.halfLifeDays);
    ps.w *= f;
    ps.p *= f;
    ps.p2 *= f;
    ps.wpct *= f;
    ps.pct *= f;
    ps.t = ts;
  }
  const k = w * (ts < ps.t ? decayFactor(ps.t - ts, s.halfLifeDays) : 1);
  ps.w += k;
  ps.p += k * p.price;
  ps.p2 += k * p.price * p.price;
  if (p.pricePct !== undefined) {
    ps.wpct += k;
    ps.pct += k * p.pricePct;
  }
}

/** Review sentiment in [-1, 1] from the text and/or a 1–5 rating (averaged when both exist). */
export function reviewSentiment(props: StoredEvent['props']): number | undefined {
  const parts: number[] = [];
  const body = str(props['review_body']) ?? str(props['review']);
  if (body !== undefined) parts.push(sentimentOf(body).score);
  // Segment types `rating` as a String ("4"); a number is accepted too.
  const rating = num(props['rating']);
  if (rating !== undefined) parts.push(Math.max(-1, Math.min(1, (rating - 3) / 2)));
  return parts.length === 0 ? undefined : parts.reduce((a, b) => a + b, 0) / parts.length;
}

function foldActivity(s: ProfileState, ts: number): void {
  const day = Math.floor(ts / DAY_MS);
  const key = String(day);
  if (own(s.activity, key) === undefined) {
    for (const k of Object.keys(s.activity)) {
      if (Number(k) <= day - ACTIVITY_DAYS) delete s.activity[k];
    }
  }
  putOwn(s.activity, key, (own(s.activity, key) ?? 0) + 1);
}

function pruneTags(s: ProfileState, now: number): void {
  // Counting keys is O(tags): look only every PRUNE_EVERY events, which keeps the fold O(1)
  // amortised and, being a function of the event count, the same on rebuild.
  if (s.events % PRUNE_EVERY !== 0) return;
  const entries = Object.entries(s.tags);
  if (entries.length <= MAX_TAGS) return;
  entries.sort(
    ([ka, a], [kb, b]) =>
      Math.abs(decayedAt(b, now, s.halfLifeDays)) - Math.abs(decayedAt(a, now, s.halfLifeDays)) ||
      (ka < kb ? -1 : 1),
  );
  s.tags = Object.fromEntries(entries.slice(0, KEEP_TAGS));
}

/** Credits (or, with `sign` -1, takes back) the purchase of order lines, as of the order's time. */
function foldLines(
  s: ProfileState,
  lines: readonly ShopperLine[],
  index: CatalogIndex,
  ts: number,
  sign: 1 | -1,
): void {
  const w = meaningOf('Order Completed')!.weight;
  for (const line of lines) {
    const p = productOf(
      {
        id: line.id,
        quantity: line.quantity,
        price: line.price,
        category: undefined,
        brand: undefined,
      },
      index,
    );
    const kind = sign > 0 ? 'purchase' : 'refund';
    creditProduct(s, p, sign * w * Math.sqrt(p.quantity), kind, ts);
    foldPrice(s, p, 'purchase', ts, sign);
  }
}

function foldOrders(
  s: ProfileState,
  change: ReturnType<typeof applyShopperEvent>,
  index: CatalogIndex,
) {
  const o = s.orders;
  if (change.reversed !== undefined) {
    const r = change.reversed;
    foldLines(s, r.lines, index, r.ts, -1);
    o.revenue = Math.max(0, o.revenue - r.revenue);
    o.count = Math.max(0, o.count - r.orders);
  }
  if (change.ordered !== undefined) {
    const r = change.ordered;
    foldLines(s, r.lines, index, r.ts, 1);
    o.revenue += r.revenue;
    o.count += r.orders;
    if (r.orders > 0) {
      o.firstTs = o.firstTs === null ? r.ts : Math.min(o.firstTs, r.ts);
      o.lastTs = o.lastTs === null ? r.ts : Math.max(o.lastTs, r.ts);
    }
  }
}

type Filter = { type?: JsonValue; value?: JsonValue };

/** Product List Filtered: a brand or category filter is interest in it; price ascending is thrift. */
function foldFilters(s: ProfileState, event: StoredEvent, index: CatalogIndex, ts: number) {
  const list = (v: JsonValue | undefined): Filter[] =>
    Array.isArray(v)
      ? v.filter((x): x is Filter => typeof x === 'object' && x !== null && !Array.isArray(x))
      : [];
  for (const f of list(event.props['filters'])) {
    const type = (str(f.type) ?? '').toLowerCase();
    const value = str(f.value);
    if (value === undefined) continue;
    if (type === 'brand') {
      const brand = knownBrand(index, value);
      if (brand !== undefined) credit(s.brands, brand, FILTER_WEIGHT, 'filter', ts, s.halfLifeDays);
    }
    if (type === 'category' || type === 'department') {
      const category = catalogCategory(index, value);
      if (category !== undefined)
        credit(s.categories, category, FILTER_WEIGHT, 'filter', ts, s.halfLifeDays);
    }
  }
  for (const f of list(event.props['sorts'])) {
    const type = (str(f.type) ?? '').toLowerCase();
    const value = (str(f.value) ?? '').toLowerCase();
    if (type.includes('price') && (value === 'asc' || value === 'ascending'))
      s.price.cheapSorts += 1;
  }
}

/**
 * Folds one stored event into the state, in place, and returns it. What the event means is
 * core's table (`meaningOf`); the cart, orders and wishlist are core's shopper state. Costs
 * O(products in the event + cart + kept orders); never reads other events. Folding the stored
 * events in order from `createProfileState()` gives the state the worker keeps (the fold ==
 * rebuild property).
 */
export function foldEvent(
  state: ProfileState,
  event: StoredEvent,
  index: CatalogIndex,
): ProfileState {
  const ts = event.ts;
  const meaning = meaningOf(event.name);
  const products = eventProducts(event, index);
  state.events += 1;
  state.firstTs = state.firstTs === null ? ts : Math.min(state.firstTs, ts);
  state.lastTs = state.lastTs === null ? ts : Math.max(state.lastTs, ts);
  foldActivity(state, ts);
  foldSession(state, event, meaning, products);
  if (meaning === undefined) return state;
  const kind = meaning.kind;
  state.counts[kind] = (state.counts[kind] ?? 0) + 1;
  const change = applyShopperEvent(state.shopper, event, (id) => index.items.get(id)?.price);
  foldOrders(state, change, index);
  for (const u of change.unwished ?? []) {
    // Taking the wish back as of its own time undoes exactly what the add credited.
    const p = productOf(
      { id: u.id, quantity: 1, price: undefined, category: undefined, brand: undefined },
      index,
    );
    creditProduct(state, p, -meaningOf('Product Added to Wishlist')!.weight, 'unwishlist', u.ts);
    foldPrice(state, p, 'wishlist', u.ts, -1);
  }
  let w = meaning.weight;
  if (kind === 'review') {
    const sentiment = reviewSentiment(event.props);
    if (sentiment === undefined) return state;
    state.reviews.count += 1;
    state.reviews.sum += sentiment;
    w *= sentiment;
  }
  // Orders credit their lines through the shopper state (an update replaces, a refund reverses).
  if (meaning.order === undefined && w !== 0) {
    for (const p of products) {
      creditProduct(state, p, w, kind, ts);
      foldPrice(state, p, kind, ts);
    }
  }
  if (kind === 'list' || kind === 'filter') {
    const named = str(event.props['category']);
    const category = named === undefined ? undefined : catalogCategory(index, named);
    if (category !== undefined) credit(state.categories, category, w, kind, ts, state.halfLifeDays);
  }
  if (kind === 'filter') foldFilters(state, event, index, ts);
  if (kind === 'search') {
    const words = knownTerms(index.text, str(event.props['query']) ?? '');
    for (const t of words) {
      credit(state.tags, t, w / Math.sqrt(words.length), kind, ts, state.halfLifeDays);
    }
  }
  if (meaning.promotion) {
    const id = str(event.props['promotion_id']) ?? str(event.props['name']);
    if (id !== undefined) credit(state.promotions, id, w, kind, ts, state.halfLifeDays);
  }
  if (meaning.deal) state.price.coupons += 1;
  if (meaning.order === 'complete') {
    const props = event.props;
    if (str(props['coupon']) !== undefined || (num(props['discount']) ?? 0) > 0) {
      state.price.deals += 1;
    }
  }
  pruneTags(state, ts);
  return state;
}
