import { meaningOf, numberOf, productRefs, stringOf, type ProductRef } from '../event-meaning.ts';
import type { StoredEvent } from '../events.ts';
import type { InteractionKind } from '../scoring.ts';

/** One line of a cart or an order. */
export interface ShopperLine {
  id: string;
  quantity: number;
  /** The price the event gave, if any (the catalog's is used otherwise). */
  price?: number;
}

/** An order as the shopper's events describe it. */
export interface ShopperOrder {
  /** `order_id`, else `checkout_id`, else the event id. */
  id: string;
  ts: number;
  /** What is left of the order after partial refunds. */
  revenue: number;
  lines: ShopperLine[];
  status: 'open' | 'refunded' | 'cancelled';
}

/** One item of the history: its latest interaction (a purchase is not undone by a later view). */
export interface ShopperInteraction {
  id: string;
  ts: number;
  kind: InteractionKind;
}

/**
 * What the shopper's events say they did: plain JSON (arrays, no id-keyed objects), so it can be
 * persisted inside the profile state as it is. Built by `applyShopperEvent`, one event at a time.
 */
export interface ShopperState {
  /** Oldest first, each item once, at most `HISTORY_CAP`. */
  history: ShopperInteraction[];
  /** Products viewed (Product Viewed, Clicked, …: a `view` interaction), each once, newest last. */
  viewed: string[];
  cart: ShopperLine[];
  /** The latest `ORDERS_CAP` orders, oldest first. */
  orders: ShopperOrder[];
  wishlist: { id: string; ts: number }[];
  /**
   * Items shown (Recommendation Shown) and not engaged with since: the times of their latest
   * `SHOWN_TIMES` showings, oldest item first, at most `SHOWN_CAP` items. Rotation reads them.
   */
  shown: { id: string; ts: number[] }[];
}

/** What one event changed about orders and the wishlist, for the profile to credit or reverse. */
export interface ShopperChange {
  /** Lines whose purchase is reversed, at the time they were bought, and the orders un-counted. */
  reversed?: { ts: number; lines: ShopperLine[]; revenue: number; orders: number };
  /** Lines bought, at the order's time, and the orders counted (0 for an update). */
  ordered?: { ts: number; lines: ShopperLine[]; revenue: number; orders: number };
  /** Wishlist adds this event undid, with the time of the add. */
  unwished?: { id: string; ts: number }[];
}

/** Items kept in the history: far more than the model reads (its last 16). */
export const HISTORY_CAP = 200;
/** Orders kept for refunds and updates to find. */
export const ORDERS_CAP = 100;
/** Items whose showings are remembered, and showings per item. */
export const SHOWN_CAP = 300;
export const SHOWN_TIMES = 5;

/** A shopper insitu has never seen. */
export function createShopperState(): ShopperState {
  return { history: [], viewed: [], cart: [], orders: [], wishlist: [], shown: [] };
}

/** Prices the catalog knows, for revenues an event does not state. */
export type PriceOf = (id: string) => number | undefined;

const lineOf = (p: ProductRef, quantity = p.quantity ?? 1): ShopperLine =>
  p.price === undefined ? { id: p.id, quantity } : { id: p.id, quantity, price: p.price };

const valueOf = (lines: readonly ShopperLine[], priceOf: PriceOf) =>
  lines.reduce((sum, l) => sum + (l.price ?? priceOf(l.id) ?? 0) * l.quantity, 0);

/** Same product twice in one list: one line with the quantities added. */
function merged(refs: readonly ProductRef[]): ShopperLine[] {
  const out: ShopperLine[] = [];
  for (const r of refs) {
    const line = out.find((l) => l.id === r.id);
    if (line) line.quantity += r.quantity ?? 1;
    else out.push(lineOf(r));
  }
  return out;
}

function touch(state: ShopperState, id: string, ts: number, kind: InteractionKind): void {
  const at = state.history.findIndex((h) => h.id === id);
  const before = at < 0 ? undefined : state.history[at];
  if (before !== undefined) state.history.splice(at, 1);
  const keep = before?.kind === 'purchase' && kind !== 'purchase' ? 'purchase' : kind;
  state.history.push({ id, ts: Math.max(ts, before?.ts ?? ts), kind: keep });
  if (state.history.length > HISTORY_CAP) state.history.shift();
}

function showed(state: ShopperState, id: string, ts: number): void {
  const at = state.shown.findIndex((s) => s.id === id);
  const entry = at < 0 ? { id, ts: [] as number[] } : state.shown.splice(at, 1)[0]!;
  entry.ts = [...entry.ts, ts].slice(-SHOWN_TIMES);
  state.shown.push(entry);
  if (state.shown.length > SHOWN_CAP) state.shown.shift();
}

function addToCart(cart: ShopperLine[], line: ShopperLine, sign: 1 | -1, all = false): void {
  const at = cart.findIndex((l) => l.id === line.id);
  const prev = at < 0 ? undefined : cart[at]!;
  if (sign > 0) {
    if (prev === undefined) cart.push({ ...line });
    else {
      prev.quantity += line.quantity;
      if (line.price !== undefined) prev.price = line.price;
    }
  } else if (prev !== undefined) {
    prev.quantity = all ? 0 : prev.quantity - line.quantity;
    if (prev.quantity <= 0) cart.splice(at, 1);
  }
}

function orderKey(event: StoredEvent): string {
  return stringOf(event.props['order_id']) ?? stringOf(event.props['checkout_id']) ?? event.id;
}

function findOrder(state: ShopperState, id: string): ShopperOrder | undefined {
  for (let k = state.orders.length - 1; k >= 0; k--) {
    const o = state.orders[k]!;
    if (o.id === id && o.status === 'open') return o;
  }
  return undefined;
}

/** The revenue an order event states: `revenue`, else `total`, else its lines' value. */
function statedRevenue(event: StoredEvent, lines: readonly ShopperLine[], priceOf: PriceOf) {
  return (
    numberOf(event.props['revenue']) ?? numberOf(event.props['total']) ?? valueOf(lines, priceOf)
  );
}

function reverse(
  state: ShopperState,
  event: StoredEvent,
  refs: readonly ProductRef[],
  priceOf: PriceOf,
  cancel: boolean,
): ShopperChange {
  const order = findOrder(state, orderKey(event));
  const stated = numberOf(event.props['total']) ?? numberOf(event.props['revenue']);
  if (order === undefined) {
    // An order older than what is kept, or never seen: reverse what the event itself lists.
    const lines = merged(refs);
    const revenue = stated ?? valueOf(lines, priceOf);
    return lines.length === 0 && revenue === 0
      ? {}
      : { reversed: { ts: event.ts, lines, revenue, orders: 0 } };
  }
  let lines: ShopperLine[];
  if (cancel || refs.length === 0) {
    lines = order.lines;
    order.lines = [];
  } else {
    lines = [];
    // A listed product without a quantity is refunded in full.
    for (const r of refs) {
      const line = order.lines.find((l) => l.id === r.id);
      const q = Math.min(line?.quantity ?? 0, r.quantity ?? Infinity);
      if (line === undefined || q <= 0) continue;
      lines.push(line.price === undefined ? { id: r.id, quantity: q } : { ...line, quantity: q });
      line.quantity -= q;
    }
    order.lines = order.lines.filter((l) => l.quantity > 0);
  }
  const whole = order.lines.length === 0;
  const revenue = Math.min(
    order.revenue,
    whole && stated === undefined ? order.revenue : (stated ?? valueOf(lines, priceOf)),
  );
  order.revenue -= revenue;
  if (whole) order.status = cancel ? 'cancelled' : 'refunded';
  return { reversed: { ts: order.ts, lines, revenue, orders: whole ? 1 : 0 } };
}

/**
 * Applies one stored event, in time order, in place, by the meaning table; returns what it did to
 * orders and the wishlist. The profile fold and the worker's strategies both derive the cart, the
 * orders and the history with it, and `insitu build` reads the same interactions.
 */
export function applyShopperEvent(
  state: ShopperState,
  event: StoredEvent,
  priceOf: PriceOf = () => undefined,
): ShopperChange {
  const meaning = meaningOf(event.name);
  if (meaning === undefined) return {};
  const refs = productRefs(event.props);
  const change: ShopperChange = {};
  if (meaning.impression) for (const r of refs) showed(state, r.id, event.ts);
  if (meaning.interaction !== undefined) {
    // Engaging with an item clears its showings: it was not skipped.
    if (state.shown.length > 0) {
      const ids = new Set(refs.map((r) => r.id));
      state.shown = state.shown.filter((s) => !ids.has(s.id));
    }
    for (const r of refs) touch(state, r.id, event.ts, meaning.interaction);
    if (meaning.interaction === 'view') {
      for (const r of refs) {
        const at = state.viewed.indexOf(r.id);
        if (at >= 0) state.viewed.splice(at, 1);
        state.viewed.push(r.id);
      }
      if (state.viewed.length > HISTORY_CAP)
        state.viewed.splice(0, state.viewed.length - HISTORY_CAP);
    }
  }
  if (meaning.cart === 'add') for (const l of merged(refs)) addToCart(state.cart, l, 1);
  if (meaning.cart === 'remove') {
    // Without a quantity, the line goes (a shop's "remove" button removes the line).
    for (const r of refs) addToCart(state.cart, lineOf(r), -1, r.quantity === undefined);
  }
  if (meaning.cart === 'set' && refs.length > 0) state.cart = merged(refs);
  if (meaning.wishlist === 'add') {
    for (const r of refs) {
      if (!state.wishlist.some((w) => w.id === r.id))
        state.wishlist.push({ id: r.id, ts: event.ts });
    }
  }
  if (meaning.wishlist === 'remove') {
    const ids = new Set(refs.map((r) => r.id));
    change.unwished = state.wishlist.filter((w) => ids.has(w.id));
    state.wishlist = state.wishlist.filter((w) => !ids.has(w.id));
  }
  if (meaning.order === 'complete') {
    const lines = merged(refs);
    const order: ShopperOrder = {
      id: orderKey(event),
      ts: event.ts,
      revenue: statedRevenue(event, lines, priceOf),
      lines,
      status: 'open',
    };
    state.orders.push(order);
    if (state.orders.length > ORDERS_CAP) state.orders.shift();
    for (const l of lines) addToCart(state.cart, l, -1);
    change.ordered = { ts: event.ts, lines, revenue: order.revenue, orders: 1 };
  }
  if (meaning.order === 'update') {
    const order = findOrder(state, orderKey(event));
    // An update of an order insitu never saw creates nothing: it would count an order twice.
    if (order !== undefined) {
      const lines = refs.length > 0 ? merged(refs) : order.lines;
      const revenue = statedRevenue(event, lines, priceOf);
      change.reversed = { ts: order.ts, lines: order.lines, revenue: order.revenue, orders: 0 };
      change.ordered = { ts: order.ts, lines, revenue, orders: 0 };
      order.lines = lines;
      order.revenue = revenue;
    }
  }
  if (meaning.order === 'refund' || meaning.order === 'cancel') {
    const undone = reverse(state, event, refs, priceOf, meaning.order === 'cancel');
    Object.assign(change, undone);
    // An item returned or cancelled in full is not bought any more (unless another standing
    // order holds it): its history says it was in the cart, so it is neither left out as bought
    // nor explained as "because you bought".
    const kept = purchasedItems(state);
    for (const l of undone.reversed?.lines ?? []) {
      const h = state.history.find((e) => e.id === l.id);
      if (h?.kind === 'purchase' && !kept.has(l.id)) h.kind = 'cart';
    }
  }
  return change;
}

/** The state after `events` (any order: they are applied by time, ties in the given order). */
export function shopperStateOf(events: readonly StoredEvent[], priceOf?: PriceOf): ShopperState {
  return applyInOrder(createShopperState(), events, priceOf);
}

/**
 * A new state: `state` after `events`, applied as `shopperStateOf` applies them (by time, ties in
 * the given order). `state` itself is not changed, so whoever holds it reads the same state.
 * Equal to `shopperStateOf([...events, ...before])` when `state` is `shopperStateOf(before)` and
 * every one of `events` is later than every one of `before`.
 */
export function extendShopperState(
  state: ShopperState,
  events: readonly StoredEvent[],
  priceOf?: PriceOf,
): ShopperState {
  return applyInOrder(copyShopperState(state), events, priceOf);
}

function applyInOrder(state: ShopperState, events: readonly StoredEvent[], priceOf?: PriceOf) {
  const sorted = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.ts - b.e.ts || a.i - b.i);
  for (const { e } of sorted) applyShopperEvent(state, e, priceOf);
  return state;
}

/** A deep copy (no object or array shared with `s`): `applyShopperEvent` changes it in place. */
function copyShopperState(s: ShopperState): ShopperState {
  const lines = (list: ShopperLine[]) => list.map((l) => ({ ...l }));
  return {
    history: s.history.map((h) => ({ ...h })),
    viewed: s.viewed.slice(),
    cart: lines(s.cart),
    orders: s.orders.map((o) => ({ ...o, lines: lines(o.lines) })),
    wishlist: s.wishlist.map((w) => ({ ...w })),
    shown: s.shown.map((e) => ({ id: e.id, ts: e.ts.slice() })),
  };
}

/** Items of orders still standing (not refunded or cancelled). */
export function purchasedItems(state: ShopperState): Set<string> {
  const out = new Set<string>();
  for (const o of state.orders) if (o.status === 'open') for (const l of o.lines) out.add(l.id);
  return out;
}
