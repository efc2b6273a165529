import type { StoredEvent } from '../events.ts';
import { sentimentOf } from '../text/sentiment.ts';
import { knownTerms } from '../text/tf-idf.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { addDecayed, DAY_MS, decayFactor, decayedAt } from './decay.ts';
import { eventProducts, KIND_OF_EVENT, num, str, type EventProduct } from './event-products.ts';
import { foldSession } from './fold-session.ts';
import { ACTIVITY_DAYS, type Affinity, type EventKind, type ProfileState } from './state.ts';

/**
 * How much one event of each kind moves an interest. A purchase says more than a view; a removal
 * says the shopper changed their mind. A review's weight is scaled by its sentiment (-1…1), so a
 * bad review counts against the item's category and brand.
 */
export const EVENT_WEIGHTS: Readonly<Record<EventKind, number>> = {
  view: 1,
  click: 0.5,
  list: 0.3,
  search: 1,
  add: 3,
  remove: -2,
  checkout: 2,
  purchase: 5,
  review: 4,
};

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
};

function credit(
  map: Record<string, Affinity>,
  key: string,
  w: number,
  kind: EventKind,
  ts: number,
  half: number,
  item?: string,
): void {
  // A name such as "__proto__" would reach the prototype of a plain object.
  if (key === '__proto__') return;
  const a = (map[key] ??= { v: 0, t: 0, n: {}, items: [] });
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

function foldPrice(s: ProfileState, p: EventProduct, kind: EventKind, ts: number): void {
  const w = PRICE_WEIGHT[kind];
  if (w === undefined || p.price === undefined) return;
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
  const rating = num(props['rating']);
  if (rating !== undefined) parts.push(Math.max(-1, Math.min(1, (rating - 3) / 2)));
  return parts.length === 0 ? undefined : parts.reduce((a, b) => a + b, 0) / parts.length;
}

function foldActivity(s: ProfileState, ts: number): void {
  const day = Math.floor(ts / DAY_MS);
  const key = String(day);
  if (s.activity[key] === undefined) {
    for (const k of Object.keys(s.activity)) {
      if (Number(k) <= day - ACTIVITY_DAYS) delete s.activity[k];
    }
  }
  s.activity[key] = (s.activity[key] ?? 0) + 1;
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

/**
 * Folds one stored event into the state, in place, and returns it. Costs O(products in the event);
 * never reads other events. Folding the stored events in order from `createProfileState()` gives
 * the state the worker keeps (the fold == rebuild property).
 */
export function foldEvent(
  state: ProfileState,
  event: StoredEvent,
  index: CatalogIndex,
): ProfileState {
  const ts = event.ts;
  const kind = KIND_OF_EVENT[event.name];
  const products = eventProducts(event, index);
  state.events += 1;
  state.firstTs = state.firstTs === null ? ts : Math.min(state.firstTs, ts);
  state.lastTs = state.lastTs === null ? ts : Math.max(state.lastTs, ts);
  foldActivity(state, ts);
  foldSession(state, event, kind, products);
  if (kind === undefined) return state;
  state.counts[kind] = (state.counts[kind] ?? 0) + 1;
  let w = EVENT_WEIGHTS[kind];
  if (kind === 'review') {
    const sentiment = reviewSentiment(event.props);
    if (sentiment === undefined) return state;
    state.reviews.count += 1;
    state.reviews.sum += sentiment;
    w *= sentiment;
  }
  for (const p of products) {
    creditProduct(state, p, w * (kind === 'purchase' ? Math.sqrt(p.quantity) : 1), kind, ts);
    foldPrice(state, p, kind, ts);
  }
  if (kind === 'list') {
    const category = str(event.props['category']);
    if (category !== undefined) {
      credit(state.categories, category, w, kind, ts, state.halfLifeDays);
    }
  }
  if (kind === 'search') {
    const words = knownTerms(index.text, str(event.props['query']) ?? '');
    for (const t of words) {
      credit(state.tags, t, w / Math.sqrt(words.length), kind, ts, state.halfLifeDays);
    }
  }
  if (kind === 'purchase') {
    const props = event.props;
    if (str(props['coupon']) !== undefined || (num(props['discount']) ?? 0) > 0) {
      state.price.deals += 1;
    }
  }
  pruneTags(state, ts);
  return state;
}
