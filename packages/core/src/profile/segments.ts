import type { Churn } from './churn.ts';
import type { PriceBand, Rfm } from './spend.ts';
import type { ProfileState } from './state.ts';

/** A segment the shopper is in. */
export interface SegmentMatch {
  id: string;
  /** How clearly they are in it, 0…1. */
  score: number;
  /** `rule` for the named segments below, `cluster` for a centroid from the model artifact. */
  kind: 'rule' | 'cluster';
  /** The facts that put them there, e.g. { orders: 4, relativePrice: 0.21 }. */
  because: Record<string, number>;
}

/** The named rule-based segments. */
export const RULE_SEGMENTS = [
  'new-visitor',
  'returning',
  'loyal',
  'bargain-hunter',
  'big-spender',
  'window-shopper',
  'at-risk',
] as const;

/** What the rules read, computed once by `buildProfile`. */
export interface SegmentInputs {
  state: ProfileState;
  priceBand: PriceBand;
  rfm: Rfm;
  churn: Churn;
  medianPrice: number;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The documented rules:
 * - new-visitor: at most one visit and no order.
 * - returning: two visits or more.
 * - loyal: three orders or more and churn risk below ½.
 * - bargain-hunter: engages mostly with the cheap end of each category (relative price ≤ 0.3 over
 *   at least three weighted engagements), or used a coupon/discount on half of 2+ orders, or
 *   sought deals twice or more (coupons entered, applied or denied, plus lists sorted by price
 *   ascending).
 * - big-spender: has ordered, and the average order is ≥ 4× the catalog's median price, or their
 *   items are premium (above the 65th percentile of their categories) and they spent ≥ 2× the median.
 * - window-shopper: 10+ product views, no order and at most one add to cart.
 * - at-risk: churn risk ≥ 0.6 for a shopper who ordered or visited three times.
 */
export function ruleSegments(x: SegmentInputs): SegmentMatch[] {
  const { state, rfm, churn } = x;
  const visits = state.visits.count;
  const orders = state.orders.count;
  const views = state.counts.view ?? 0;
  const adds = state.counts.add ?? 0;
  const rel = x.priceBand.relative;
  const unit = x.medianPrice > 0 ? x.medianPrice : 1;
  const out: SegmentMatch[] = [];
  const add = (id: string, score: number, because: Record<string, number>) =>
    out.push({ id, score: round(clamp01(score)), kind: 'rule', because });
  if (visits <= 1 && orders === 0) add('new-visitor', 1, { visits });
  if (visits >= 2) add('returning', clamp01(0.5 + visits / 20), { visits });
  if (orders >= 3 && churn.risk < 0.5) add('loyal', 0.5 + orders / 20, { orders });
  const dealShare = orders > 0 ? state.price.deals / orders : 0;
  const seeking = state.price.coupons + state.price.cheapSorts;
  if (
    (rel !== null && state.price.wpct >= 3 && rel <= 0.3) ||
    (orders >= 2 && dealShare >= 0.5) ||
    seeking >= 2
  ) {
    add(
      'bargain-hunter',
      Math.max(rel === null ? 0 : 1 - rel / 0.6, dealShare, seeking >= 2 ? 0.4 + seeking / 10 : 0),
      {
        relativePrice: round(rel ?? -1),
        deals: state.price.deals,
        coupons: state.price.coupons,
        cheapSorts: state.price.cheapSorts,
      },
    );
  }
  const aovRatio = rfm.averageOrder / unit;
  if (orders >= 1 && (aovRatio >= 4 || (rel !== null && rel > 0.65 && rfm.monetary >= 2 * unit))) {
    add('big-spender', Math.max(aovRatio / 8, rel ?? 0), {
      averageOrder: round(rfm.averageOrder),
      relativePrice: round(rel ?? -1),
    });
  }
  if (views >= 10 && orders === 0 && adds <= 1) {
    add('window-shopper', clamp01(views / 30), { views, adds });
  }
  if (churn.risk >= 0.6 && (orders >= 1 || visits >= 3)) {
    add('at-risk', churn.risk, {
      daysSinceLastVisit: round(churn.daysSinceLastVisit ?? 0),
      usualGapDays: round(churn.usualGapDays),
    });
  }
  return out;
}
