import type { StoredEvent } from './events.ts';
import type { JsonObject, JsonValue } from './json.ts';
import type { InteractionKind } from './scoring.ts';

/**
 * What the profile counts an event as. The lifetime count of each kind is kept, and each interest
 * remembers which kinds touched it (for explanations).
 */
export type EventKind =
  | 'view'
  | 'click'
  | 'list'
  | 'filter'
  | 'search'
  | 'add'
  | 'remove'
  | 'cart'
  | 'checkout'
  | 'purchase'
  | 'refund'
  | 'review'
  | 'wishlist'
  | 'unwishlist'
  | 'share'
  | 'promotion'
  | 'coupon'
  | 'shown';

/**
 * The meaning of one event: the one table the profile fold, the shopper state (history, cart,
 * orders, wishlist), the worker's strategies, `insitu build`'s loaders and `insitu eval` read.
 */
export interface EventMeaning {
  kind: EventKind;
  /**
   * Interest per product the event names (its `product_id` and each of `products`), for the
   * product's categories, brand and terms. Negative: the shopper turned away from it. Purchases
   * scale with √quantity; reviews with their sentiment (-1…1).
   */
  weight: number;
  /** What the shopper's history (the model's input) records for each product; none: nothing. */
  interaction?: InteractionKind;
  /** `add` / `remove` the named products; `set`: the event lists the whole cart. */
  cart?: 'add' | 'remove' | 'set';
  /** `complete` adds an order; `update` replaces it; `refund` / `cancel` reverse it (or part). */
  order?: 'complete' | 'update' | 'refund' | 'cancel';
  wishlist?: 'add' | 'remove';
  /** The shopper reached (a step of) checkout this session. */
  checkout?: true;
  /** A deal-seeking signal, for the bargain-hunter segment. */
  deal?: true;
  /** The event is about a promotion (`promotion_id`), not a product: a promotion interest. */
  promotion?: true;
  /** The products were shown to the shopper (rotation demotes those never engaged with). */
  impression?: true;
  /**
   * How the event names products, as the Segment e-commerce v2 spec lays it out (`validateEvent`
   * checks it): `one`, a top-level `product_id` (required); `list`, an optional `products[]`;
   * `order`, a required `products[]`. None: no products.
   */
  names?: 'one' | 'list' | 'order';
  /** Fields the spec types as String for this event, although elsewhere as Number. */
  stringy?: ReadonlySet<string>;
}

const m = (kind: EventKind, weight: number, rest: Omit<EventMeaning, 'kind' | 'weight'> = {}) => ({
  kind,
  weight,
  ...rest,
});

/**
 * Every event insitu understands, with its effect. A Map, so that an event named "constructor"
 * or "__proto__" finds nothing rather than Object.prototype's members. Custom events only mark
 * activity (visits, the activity chart).
 */
export const EVENT_MEANINGS: ReadonlyMap<string, Readonly<EventMeaning>> = new Map([
  ['Product Viewed', m('view', 1, { interaction: 'view', names: 'one' })],
  ['Product Clicked', m('click', 0.5, { interaction: 'view', names: 'one' })],
  ['Recommendation Clicked', m('click', 0.5, { interaction: 'view', names: 'one' })],
  ['Recommendation Shown', m('shown', 0, { impression: true, names: 'list' })],
  ['Product List Viewed', m('list', 0.3, { names: 'list' })],
  ['Product List Filtered', m('filter', 0.3, { names: 'list' })],
  ['Products Searched', m('search', 1)],
  ['Product Shared', m('share', 2, { interaction: 'view', names: 'one' })],
  ['Cart Shared', m('share', 1, { names: 'list' })],
  [
    'Product Added to Wishlist',
    m('wishlist', 4, { interaction: 'view', wishlist: 'add', names: 'one' }),
  ],
  ['Product Removed from Wishlist', m('unwishlist', 0, { wishlist: 'remove', names: 'one' })],
  ['Product Added', m('add', 3, { interaction: 'cart', cart: 'add', names: 'one' })],
  [
    'Wishlist Product Added to Cart',
    m('add', 3, { interaction: 'cart', cart: 'add', names: 'one' }),
  ],
  ['Product Removed', m('remove', -2, { cart: 'remove', names: 'one' })],
  ['Cart Viewed', m('cart', 0, { cart: 'set', names: 'list' })],
  ['Checkout Started', m('checkout', 2, { cart: 'set', checkout: true, names: 'list' })],
  ['Checkout Step Viewed', m('checkout', 0, { checkout: true })],
  ['Checkout Step Completed', m('checkout', 0, { checkout: true })],
  ['Payment Info Entered', m('checkout', 0, { checkout: true })],
  [
    'Order Completed',
    m('purchase', 5, { interaction: 'purchase', order: 'complete', names: 'order' }),
  ],
  ['Order Updated', m('purchase', 5, { interaction: 'purchase', order: 'update', names: 'list' })],
  ['Order Refunded', m('refund', 0, { order: 'refund', names: 'list' })],
  ['Order Cancelled', m('refund', 0, { order: 'cancel', names: 'list' })],
  [
    'Product Reviewed',
    m('review', 4, { interaction: 'rating', names: 'one', stringy: new Set(['rating']) }),
  ],
  ['Promotion Viewed', m('promotion', 0.25, { promotion: true, stringy: new Set(['position']) })],
  ['Promotion Clicked', m('promotion', 1, { promotion: true, stringy: new Set(['position']) })],
  ['Coupon Entered', m('coupon', 0, { deal: true })],
  ['Coupon Applied', m('coupon', 0, { deal: true })],
  ['Coupon Denied', m('coupon', 0, { deal: true })],
  ['Coupon Removed', m('coupon', 0)],
]);

/** The meaning of an event name, or undefined for a custom event. */
export function meaningOf(name: string): Readonly<EventMeaning> | undefined {
  return EVENT_MEANINGS.get(name);
}

/** A product an event names, as the event says it (the catalog may know better). */
export interface ProductRef {
  id: string;
  /** As sent; undefined when the event gives none. */
  quantity: number | undefined;
  price: number | undefined;
  /** The event's own category, brand and name: used only where the catalog has nothing. */
  category: string | undefined;
  brand: string | undefined;
}

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A finite number, or a numeric string (Segment types some amounts as strings). */
export function numberOf(v: JsonValue | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-empty string. */
export function stringOf(v: JsonValue | undefined): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A product id as the store keys it: strings and finite numbers, trimmed. */
export function idOf(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function refOf(p: JsonObject): ProductRef | undefined {
  const id = idOf(p['product_id']);
  if (id === undefined) return undefined;
  const quantity = numberOf(p['quantity']);
  return {
    id,
    quantity: quantity !== undefined && quantity >= 0 ? quantity : undefined,
    price: numberOf(p['price']),
    category: stringOf(p['category']),
    brand: stringOf(p['brand']),
  };
}

/**
 * The event that records each interaction kind of a log row (`user,item,timestamp,event`): how
 * `insitu build` and `insitu eval` replay logs as the events the worker would have stored.
 */
export const EVENT_OF_INTERACTION: Readonly<Record<InteractionKind, string>> = {
  view: 'Product Viewed',
  cart: 'Product Added',
  purchase: 'Order Completed',
  rating: 'Product Reviewed',
};

/** The products an event names: its own `product_id`, then each entry of `products`. */
export function productRefs(props: JsonObject): ProductRef[] {
  const out: ProductRef[] = [];
  const own = refOf(props);
  if (own !== undefined) out.push(own);
  const list = props['products'];
  if (Array.isArray(list)) {
    for (const p of list) {
      const ref = isObject(p) ? refOf(p) : undefined;
      if (ref !== undefined) out.push(ref);
    }
  }
  return out;
}

/**
 * The interactions an event adds to the shopper's history, one per product it names: what the
 * device's model reads and what `insitu build` trains on from tracked-event logs.
 */
export function interactionsOf(event: Pick<StoredEvent, 'name' | 'props'>): {
  kind: InteractionKind;
  ids: string[];
} | null {
  const kind = meaningOf(event.name)?.interaction;
  if (kind === undefined) return null;
  return { kind, ids: productRefs(event.props).map((p) => p.id) };
}
