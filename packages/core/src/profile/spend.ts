import type { CatalogIndex } from './catalog-index.ts';
import { DAY_MS } from './decay.ts';
import type { ProfileState } from './state.ts';

/** Where the shopper's spending sits. */
export interface PriceBand {
  band: 'budget' | 'mid' | 'premium' | 'unknown';
  /** Weighted mean price of the items they engage with (purchases weigh most); null if none. */
  typical: number | null;
  /** Standard deviation of those prices. */
  spread: number;
  /** Mean percentile of their items' prices within each item's own category: 0 cheapest … 1. */
  relative: number | null;
  currency?: string;
}

/** Recency, frequency, monetary value, with 1–5 scores (0 when there is no order). */
export interface Rfm {
  recencyDays: number | null;
  frequency: number;
  monetary: number;
  averageOrder: number;
  r: number;
  f: number;
  m: number;
}

/**
 * Budget below the 35th percentile of the categories they shop, premium above the 65th. Relative
 * to category, so a €90 tent and a €9 mug can both be "budget".
 */
export function priceBandOf(state: ProfileState, index: CatalogIndex): PriceBand {
  const p = state.price;
  const out: PriceBand = { band: 'unknown', typical: null, spread: 0, relative: null };
  if (index.currency !== undefined) out.currency = index.currency;
  if (p.w <= 0) return out;
  const mean = p.p / p.w;
  out.typical = mean;
  out.spread = Math.sqrt(Math.max(0, p.p2 / p.w - mean * mean));
  if (p.wpct > 0) {
    out.relative = p.pct / p.wpct;
    out.band = out.relative < 0.35 ? 'budget' : out.relative > 0.65 ? 'premium' : 'mid';
  } else if (index.medianPrice > 0) {
    const ratio = mean / index.medianPrice;
    out.band = ratio < 0.6 ? 'budget' : ratio > 1.6 ? 'premium' : 'mid';
  }
  return out;
}

const steps = (x: number, cuts: readonly number[]) => cuts.filter((c) => x >= c).length;

/**
 * RFM with fixed cut points: recency ≤7/30/90/180 days → 5/4/3/2 (else 1); frequency 1/2/3/5/10
 * orders → 1…5; monetary in multiples of the catalog's median price 0/1/3/10/30 → 1…5.
 */
export function rfmOf(state: ProfileState, index: CatalogIndex, now: number): Rfm {
  const o = state.orders;
  const recencyDays = o.lastTs === null ? null : Math.max(0, now - o.lastTs) / DAY_MS;
  const unit = index.medianPrice > 0 ? index.medianPrice : 1;
  return {
    recencyDays,
    frequency: o.count,
    monetary: o.revenue,
    averageOrder: o.count > 0 ? o.revenue / o.count : 0,
    r: recencyDays === null ? 0 : 5 - steps(recencyDays, [7.0001, 30.0001, 90.0001, 180.0001]),
    f: steps(o.count, [1, 2, 3, 5, 10]),
    m: o.count === 0 ? 0 : 1 + steps(o.revenue / unit, [1, 3, 10, 30]),
  };
}
