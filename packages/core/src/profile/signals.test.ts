import '../sentiment-entry.ts';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog.ts';
import type { JsonObject } from '../json.ts';
import { validateEvent } from '../validate-event.ts';
import { buildCatalogIndex } from './catalog-index.ts';
import { churnOf, PRIOR_GAP_DAYS } from './churn.ts';
import { nearestCentroid, SEGMENT_FEATURES, segmentFeatures } from './clusters.ts';
import { DAY_MS } from './decay.ts';
import { foldEvent } from './fold.ts';
import { DEFAULT_INTENT_MODEL, INTENT_FEATURES, intentFeatures, purchaseIntent } from './intent.ts';
import { buildProfile } from './profile.ts';
import { createProfileState, type ProfileState } from './state.ts';

const catalog: Catalog = {
  items: [
    { id: 'a', title: 'Trail shoe', categories: ['Running'], price: 100, inStock: true, tags: [] },
    { id: 'b', title: 'Tent', categories: ['Camping'], price: 200, inStock: true, tags: [] },
  ],
};
const index = buildCatalogIndex(catalog);
const T0 = Date.UTC(2026, 4, 1);
let n = 0;
function fold(state: ProfileState, name: string, props: JsonObject, ts: number): void {
  const r = validateEvent({ id: `e${n++}`, name, props, ts });
  if (!r.ok) throw r.error;
  foldEvent(state, r.value, index);
}

describe('churn', () => {
  it('gives a first-time visitor a middling, prior-based answer', () => {
    const s = createProfileState();
    expect(churnOf(s, T0).risk).toBe(0.5);
    fold(s, 'Product Viewed', { product_id: 'a' }, T0);
    const now = churnOf(s, T0 + 60_000);
    expect(now.basis).toBe('prior');
    expect(now.usualGapDays).toBeCloseTo(PRIOR_GAP_DAYS);
    expect(now.risk).toBeGreaterThanOrEqual(0.4);
    expect(now.risk).toBeLessThanOrEqual(0.6);
    expect(churnOf(s, T0 + 120 * DAY_MS).risk).toBeGreaterThan(0.9);
  });

  it('follows the shopper’s own rhythm', () => {
    const s = createProfileState();
    for (let d = 0; d < 60; d += 2) fold(s, 'Product Viewed', { product_id: 'a' }, T0 + d * DAY_MS);
    const last = T0 + 58 * DAY_MS;
    const soon = churnOf(s, last + 2 * DAY_MS);
    const late = churnOf(s, last + 30 * DAY_MS);
    expect(soon.basis).toBe('rhythm');
    expect(soon.usualGapDays).toBeGreaterThan(1.5);
    expect(soon.usualGapDays).toBeLessThan(3);
    expect(soon.risk).toBeLessThan(0.1);
    expect(late.risk).toBeGreaterThan(0.9);
  });
});

describe('purchase intent', () => {
  it('rises through the funnel and drops after the order', () => {
    const s = createProfileState();
    const at = (m: number) => T0 + m * 60_000;
    fold(s, 'Product Viewed', { product_id: 'a' }, at(0));
    const browsing = buildProfile(s, index, at(1)).intent;
    fold(s, 'Product Added', { product_id: 'a', price: 100 }, at(2));
    const considering = buildProfile(s, index, at(3)).intent;
    fold(s, 'Checkout Started', { products: [{ product_id: 'a', price: 100 }] }, at(4));
    const buying = buildProfile(s, index, at(5)).intent;
    fold(s, 'Order Completed', { products: [{ product_id: 'a', price: 100 }] }, at(6));
    const done = buildProfile(s, index, at(7)).intent;
    expect(browsing.stage).toBe('browsing');
    expect(considering.stage).toBe('considering');
    expect(buying.stage).toBe('buying');
    expect(browsing.purchase).toBeLessThan(considering.purchase);
    expect(considering.purchase).toBeLessThan(buying.purchase);
    expect(buying.purchase).toBeGreaterThan(0.7);
    expect(done.purchase).toBeLessThan(0.3);
    // A session that ended long ago no longer counts as current.
    expect(buildProfile(s, index, at(600)).session.active).toBe(false);
  });

  it('is the documented logistic model over the exported features', () => {
    const s = createProfileState();
    fold(s, 'Product Added', { product_id: 'b', price: 200 }, T0);
    const x = intentFeatures(s, index, T0);
    const z = INTENT_FEATURES.reduce(
      (sum, f) => sum + DEFAULT_INTENT_MODEL.weights[f] * x[f],
      DEFAULT_INTENT_MODEL.bias,
    );
    expect(purchaseIntent(x)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
    const fitted = { bias: 0, weights: { ...DEFAULT_INTENT_MODEL.weights, adds: 0 } };
    expect(buildProfile(s, index, T0, { intentModel: fitted }).intent.purchase).not.toBe(
      buildProfile(s, index, T0).intent.purchase,
    );
  });
});

describe('segments from centroids', () => {
  it('assigns the nearest centroid and rejects a foreign feature list', () => {
    const x = segmentFeatures({
      visits: 3,
      orders: 0,
      monetary: 0,
      relativePrice: 0.5,
      intent: 0.1,
      churn: 0.2,
      views: 12,
      adds: 0,
      sentiment: 0,
    });
    const far = x.map((v) => v + 5);
    const c = {
      features: SEGMENT_FEATURES,
      centroids: [
        { id: 'far', center: far },
        { id: 'near', center: x },
      ],
    };
    expect(nearestCentroid(x, c)).toMatchObject({ id: 'near', kind: 'cluster', score: 1 });
    expect(() => nearestCentroid(x, { ...c, features: ['visits'] })).toThrow(/Rebuild/);
    const s = createProfileState();
    fold(s, 'Product Viewed', { product_id: 'a' }, T0);
    const p = buildProfile(s, index, T0, { centroids: c });
    expect(p.segments.some((seg) => seg.kind === 'cluster')).toBe(true);
  });
});
