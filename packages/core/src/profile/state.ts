import type { EventKind } from '../event-meaning.ts';
import { createShopperState, type ShopperState } from '../shopper/shopper-state.ts';

export type { EventKind };

/**
 * The folded profile state: plain JSON, so the worker can put it in IndexedDB as is and a reload
 * resumes where it stopped. Decayed numbers are stored with the time they refer to and decayed
 * lazily when read, so folding one event touches only the entries it mentions.
 */
export interface ProfileState {
  /** Bumped when the shape changes; an older state is rebuilt from the stored events. */
  version: 2;
  /** Half-life the decayed values were folded with; a different setting means a rebuild. */
  halfLifeDays: number;
  events: number;
  /** Lifetime count of each event kind (undecayed). */
  counts: Partial<Record<EventKind, number>>;
  firstTs: number | null;
  lastTs: number | null;
  categories: Record<string, Affinity>;
  brands: Record<string, Affinity>;
  tags: Record<string, Affinity>;
  price: PriceState;
  orders: OrderState;
  visits: VisitState;
  session: SessionState | null;
  /** Cart, orders, wishlist and history, as core's shopper state derives them from the events. */
  shopper: ShopperState;
  /** `promotion_id` → interest from Promotion Viewed / Clicked (audience metric `promotion:<id>`). */
  promotions: Record<string, Affinity>;
  reviews: { count: number; sum: number };
  /** Events per day (days since the epoch, UTC), the last `ACTIVITY_DAYS` days only. */
  activity: Record<string, number>;
}

/** A value that halves every half-life, as of time `t`. */
export interface Decayed {
  v: number;
  t: number;
}

/** One interest (category, brand or tag) and the events behind it. */
export interface Affinity extends Decayed {
  /** Count of each event kind that touched it (undecayed), for explanations. */
  n: Partial<Record<EventKind, number>>;
  /** The latest items behind it, newest first, at most three. */
  items: string[];
}

/** Decayed sums over priced engagements, for the price band. */
export interface PriceState {
  t: number;
  /** Σw, Σw·price, Σw·price²; then Σw and Σw·percentile-in-category over catalog items. */
  w: number;
  p: number;
  p2: number;
  wpct: number;
  pct: number;
  /** Purchases that used a coupon or discount. */
  deals: number;
  /** Coupons entered, applied or denied (deal seeking before buying). */
  coupons: number;
  /** Product lists sorted by price, cheapest first. */
  cheapSorts: number;
}

export interface OrderState {
  count: number;
  revenue: number;
  firstTs: number | null;
  lastTs: number | null;
}

/** Visit rhythm: sums over the gaps between visit starts, in log-days (gaps are skewed). */
export interface VisitState {
  count: number;
  gaps: number;
  sumLog: number;
  sumLog2: number;
}

/** The current (latest) session: events closer than the session gap to each other. */
export interface SessionState {
  start: number;
  last: number;
  events: number;
  views: number;
  adds: number;
  removes: number;
  searches: number;
  checkout: number;
  ordered: number;
  /** Product ids viewed this session, newest last, capped; repeat views signal consideration. */
  viewed: string[];
  repeatViews: number;
}

/** Days of activity kept for the chart. */
export const ACTIVITY_DAYS = 60;
/** Default half-life of interests. */
export const DEFAULT_HALF_LIFE_DAYS = 30;

/** An empty state: a shopper insitu has never seen. */
export function createProfileState(halfLifeDays = DEFAULT_HALF_LIFE_DAYS): ProfileState {
  return {
    version: 2,
    halfLifeDays,
    events: 0,
    counts: {},
    firstTs: null,
    lastTs: null,
    categories: {},
    brands: {},
    tags: {},
    price: { t: 0, w: 0, p: 0, p2: 0, wpct: 0, pct: 0, deals: 0, coupons: 0, cheapSorts: 0 },
    orders: { count: 0, revenue: 0, firstTs: null, lastTs: null },
    visits: { count: 0, gaps: 0, sumLog: 0, sumLog2: 0 },
    session: null,
    shopper: createShopperState(),
    promotions: {},
    reviews: { count: 0, sum: 0 },
    activity: {},
  };
}
