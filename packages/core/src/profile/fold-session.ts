import type { StoredEvent } from '../events.ts';
import { DAY_MS } from './decay.ts';
import type { EventProduct } from './event-products.ts';
import { num } from './event-products.ts';
import type { EventKind, ProfileState, SessionState } from './state.ts';

/** Events further apart than this start a new visit (the usual web-analytics convention). */
export const SESSION_GAP_MS = 30 * 60_000;
/** Product views remembered per session, to notice repeat views. */
const VIEWED_CAP = 50;

function newSession(ts: number): SessionState {
  return {
    start: ts,
    last: ts,
    events: 0,
    views: 0,
    adds: 0,
    removes: 0,
    searches: 0,
    checkout: 0,
    ordered: 0,
    viewed: [],
    repeatViews: 0,
  };
}

function replaceCart(state: ProfileState, products: EventProduct[]): void {
  state.cart = {};
  for (const p of products) state.cart[p.id] = { price: p.price ?? 0, quantity: p.quantity };
}

/** Updates visits, the current session and the cart for one event. */
export function foldSession(
  state: ProfileState,
  event: StoredEvent,
  kind: EventKind | undefined,
  products: EventProduct[],
): void {
  const ts = event.ts;
  let s = state.session;
  if (s === null || ts - s.last > SESSION_GAP_MS) {
    const v = state.visits;
    if (s !== null) {
      // Gaps between visit starts in days, floored at one day: a second visit the same day says
      // nothing about the rhythm, and would drag the (geometric) mean towards zero.
      const gap = Math.log(Math.max(ts - s.start, DAY_MS) / DAY_MS);
      v.gaps += 1;
      v.sumLog += gap;
      v.sumLog2 += gap * gap;
    }
    v.count += 1;
    s = newSession(ts);
    state.session = s;
  }
  s.last = Math.max(s.last, ts);
  s.events += 1;
  const first = products[0];
  switch (kind) {
    case 'view':
      s.views += 1;
      if (first !== undefined) {
        if (s.viewed.includes(first.id)) s.repeatViews += 1;
        else s.viewed = [...s.viewed, first.id].slice(-VIEWED_CAP);
      }
      break;
    case 'add':
      s.adds += 1;
      for (const p of products) {
        const prev = state.cart[p.id];
        state.cart[p.id] = {
          price: p.price ?? prev?.price ?? 0,
          quantity: (prev?.quantity ?? 0) + p.quantity,
        };
      }
      break;
    case 'remove':
      s.removes += 1;
      for (const p of products) {
        const prev = state.cart[p.id];
        if (prev === undefined) continue;
        const left = prev.quantity - p.quantity;
        if (left > 0) state.cart[p.id] = { price: prev.price, quantity: left };
        else delete state.cart[p.id];
      }
      break;
    case 'search':
      s.searches += 1;
      break;
    case 'checkout':
      s.checkout = 1;
      if (products.length > 0) replaceCart(state, products);
      break;
    case 'purchase': {
      s.ordered = 1;
      const o = state.orders;
      const revenue =
        num(event.props['revenue']) ??
        num(event.props['total']) ??
        products.reduce((sum, p) => sum + (p.price ?? 0) * p.quantity, 0);
      o.count += 1;
      o.revenue += revenue;
      o.firstTs = o.firstTs === null ? ts : Math.min(o.firstTs, ts);
      o.lastTs = o.lastTs === null ? ts : Math.max(o.lastTs, ts);
      state.cart = {};
      break;
    }
    default:
      // The cart page lists what is in the cart: trust it over our running count.
      if (event.name === 'Cart Viewed' && products.length > 0) replaceCart(state, products);
  }
}
