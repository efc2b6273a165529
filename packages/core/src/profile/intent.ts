import type { CatalogIndex } from './catalog-index.ts';
import { SESSION_GAP_MS } from './fold-session.ts';
import type { ProfileState } from './state.ts';

/** Inputs of the purchase-intent model, in the order of `IntentModel.weights`. */
export const INTENT_FEATURES = [
  'views',
  'repeatViews',
  'adds',
  'removes',
  'searches',
  'hasCart',
  'cartValue',
  'checkout',
  'ordered',
  'minutes',
  'returning',
  'pastOrders',
] as const;

/** One input of the intent model. */
export type IntentFeature = (typeof INTENT_FEATURES)[number];

/** A logistic model: P(purchase) = σ(bias + Σ weight·feature). `insitu build` may fit it. */
export interface IntentModel {
  bias: number;
  weights: Record<IntentFeature, number>;
}

/**
 * Hand-set defaults, chosen so that a few product views give about 0.1, an item in the cart about
 * 0.35 and a started checkout over 0.8. Counts enter as log(1 + n), so the tenth view adds less
 * than the first. `ordered` is negative: once a session has bought, another order is unlikely.
 * To fit them from logs, compute the features just before each session's last event and label the
 * session by whether it ended in Order Completed (leaving `ordered` out of the fit).
 */
export const DEFAULT_INTENT_MODEL: IntentModel = {
  bias: -3.2,
  weights: {
    views: 0.35,
    repeatViews: 0.5,
    adds: 1.0,
    removes: -0.4,
    searches: 0.2,
    hasCart: 0.8,
    cartValue: 0.3,
    checkout: 2.5,
    ordered: -3.5,
    minutes: 0.1,
    returning: 0.3,
    pastOrders: 0.3,
  },
};

/** What the current session looks like at `now`; an ended session counts as empty. */
export interface SessionFeatures {
  active: boolean;
  startedAt: number | null;
  views: number;
  adds: number;
  removes: number;
  searches: number;
  checkout: boolean;
  cartItems: number;
  cartValue: number;
  minutes: number;
}

/**
 * The session part of the profile (the cart persists across sessions, as shop carts do). Cart
 * lines are priced by the catalog, else by what the event said.
 */
export function sessionFeatures(
  state: ProfileState,
  now: number,
  index?: CatalogIndex,
): SessionFeatures {
  const s = state.session;
  const active = s !== null && now - s.last <= SESSION_GAP_MS;
  const cart = state.shopper.cart.map((l) => ({
    quantity: l.quantity,
    price: index?.items.get(l.id)?.price ?? l.price ?? 0,
  }));
  return {
    active,
    startedAt: active ? (s?.start ?? null) : null,
    views: active ? (s?.views ?? 0) : 0,
    adds: active ? (s?.adds ?? 0) : 0,
    removes: active ? (s?.removes ?? 0) : 0,
    searches: active ? (s?.searches ?? 0) : 0,
    checkout: active && (s?.checkout ?? 0) > 0,
    cartItems: cart.reduce((n, c) => n + c.quantity, 0),
    cartValue: cart.reduce((v, c) => v + c.price * c.quantity, 0),
    minutes: active && s !== null ? (s.last - s.start) / 60_000 : 0,
  };
}

/** The intent model's inputs for the current session. */
export function intentFeatures(
  state: ProfileState,
  index: CatalogIndex,
  now: number,
): Record<IntentFeature, number> {
  const f = sessionFeatures(state, now, index);
  const s = f.active ? state.session : null;
  return {
    views: Math.log1p(f.views),
    repeatViews: Math.log1p(s?.repeatViews ?? 0),
    adds: Math.log1p(f.adds),
    removes: Math.log1p(f.removes),
    searches: Math.log1p(f.searches),
    hasCart: f.cartItems > 0 ? 1 : 0,
    cartValue: Math.log1p(f.cartValue / (index.medianPrice || 1)),
    checkout: f.checkout ? 1 : 0,
    ordered: (s?.ordered ?? 0) > 0 ? 1 : 0,
    minutes: Math.log1p(f.minutes),
    returning: state.visits.count > 1 ? 1 : 0,
    pastOrders: Math.log1p(state.orders.count),
  };
}

/** σ(bias + w·x), in [0, 1]. */
export function purchaseIntent(
  features: Record<IntentFeature, number>,
  model: IntentModel = DEFAULT_INTENT_MODEL,
): number {
  let z = model.bias;
  for (const name of INTENT_FEATURES) z += (model.weights[name] ?? 0) * features[name];
  return 1 / (1 + Math.exp(-z));
}

/** Where the shopper is in the funnel. */
export type FunnelStage = 'browsing' | 'considering' | 'buying';

/** Buying: at checkout or intent ≥ 0.6; considering: intent ≥ 0.25, a cart, or repeat views. */
export function funnelStage(intent: number, features: Record<IntentFeature, number>): FunnelStage {
  if ((features.checkout > 0 && features.ordered === 0) || intent >= 0.6) return 'buying';
  if (intent >= 0.25 || features.hasCart > 0 || features.repeatViews > 0) return 'considering';
  return 'browsing';
}
