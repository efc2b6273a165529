import '../sentiment-entry.ts';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog.ts';
import { seededRandom } from '../eval/random.ts';
import type { StoredEvent } from '../events.ts';
import type { JsonObject } from '../json.ts';
import { validateEvent } from '../validate-event.ts';
import { buildCatalogIndex } from './catalog-index.ts';
import { DAY_MS } from './decay.ts';
import { foldEvent } from './fold.ts';
import { buildProfile } from './profile.ts';
import { createProfileState, type ProfileState } from './state.ts';

const catalog: Catalog = {
  currency: 'EUR',
  items: Array.from({ length: 40 }, (_, i) => ({
    id: `i${i}`,
    title:
      i % 5 === 0 ? `轻便跑鞋 ${i}` : `Item ${i} ${['trail', 'tent', 'lamp', 'pan'][i % 4] ?? ''}`,
    categories: [
      i % 2 === 0 ? 'Sport' : 'Home',
      ['Running', 'Camping', 'Lighting', 'Kitchen'][i % 4] ?? '',
    ],
    brand: `B${i % 6}`,
    price: 10 + ((i * 37) % 200),
    inStock: true,
    tags: [],
    description: 'A fine thing',
  })),
};
const index = buildCatalogIndex(catalog);
const T0 = Date.UTC(2026, 2, 1);

function event(name: string, props: JsonObject, ts: number, id: string): StoredEvent {
  const r = validateEvent({ id, name, props, ts });
  if (!r.ok) throw r.error;
  return r.value;
}

function randomEvents(seed: number, n: number): StoredEvent[] {
  const rnd = seededRandom(seed);
  const item = () => `i${Math.floor(rnd() * 44)}`; // a few ids the catalog lacks
  let ts = T0;
  const out: StoredEvent[] = [];
  for (let i = 0; i < n; i++) {
    ts += rnd() < 0.1 ? rnd() * 20 * DAY_MS : rnd() * 600_000;
    const k = Math.floor(rnd() * 15);
    const products = [{ product_id: item(), price: 20, quantity: 1 }];
    const orderId = `o${Math.floor(rnd() * 6)}`;
    const all: [string, JsonObject][] = [
      ['Product Added', { product_id: item(), price: 30 }],
      ['Product Removed', { product_id: item() }],
      ['Order Completed', { order_id: orderId, products, revenue: 20 }],
      ['Product Reviewed', { product_id: item(), review_body: rnd() < 0.5 ? 'not good' : '很好' }],
      ['Products Searched', { query: 'trail tent' }],
      ['Checkout Started', { products }],
      ['Product Viewed', { product_id: item(), category: 'Odd' }],
      ['Product Added to Wishlist', { product_id: item() }],
      ['Product Removed from Wishlist', { product_id: item() }],
      ['Order Refunded', rnd() < 0.5 ? { order_id: orderId } : { order_id: orderId, products }],
      ['Order Cancelled', { order_id: orderId }],
      ['Order Updated', { order_id: orderId, products, revenue: 7 }],
      ['Promotion Clicked', { promotion_id: `promo${Math.floor(rnd() * 3)}` }],
      ['Coupon Applied', { coupon_id: 'x' }],
      ['Product List Filtered', { filters: [{ type: 'brand', value: 'b1' }], category: 'running' }],
    ];
    const [name, props] = all[k]!;
    out.push(event(name, props, Math.round(ts), `e${i}`));
  }
  return out;
}

const fold = (events: readonly StoredEvent[], state = createProfileState()): ProfileState => {
  for (const e of events) foldEvent(state, e, index);
  return state;
};

describe('foldEvent', () => {
  it('incremental fold with persistence between chunks == rebuild from all events', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const events = randomEvents(seed, 20 + seed * 7);
      const rebuilt = fold(events);
      const rnd = seededRandom(seed * 101);
      let state = createProfileState();
      let i = 0;
      while (i < events.length) {
        const j = Math.min(events.length, i + 1 + Math.floor(rnd() * 15));
        // What the worker does: fold a batch, persist as JSON, load on the next page.
        state = JSON.parse(JSON.stringify(fold(events.slice(i, j), state))) as ProfileState;
        i = j;
      }
      expect(state).toEqual(JSON.parse(JSON.stringify(rebuilt)));
      const now = (rebuilt.lastTs ?? T0) + DAY_MS;
      expect(buildProfile(state, index, now)).toEqual(buildProfile(rebuilt, index, now));
    }
  });

  it('affinity sums do not depend on arrival order', () => {
    const events = randomEvents(7, 80).filter((e) => e.name === 'Product Viewed');
    const a = fold(events);
    const b = fold([...events].reverse());
    for (const [id, v] of Object.entries(a.categories)) {
      expect(b.categories[id]?.v).toBeCloseTo(v.v, 9);
    }
  });

  it('interests decay with the half-life', () => {
    const s = fold([
      event('Product Viewed', { product_id: 'i0' }, T0, 'a'), // Running
      event('Product Viewed', { product_id: 'i2' }, T0 + 60 * DAY_MS, 'b'), // Lighting
    ]);
    const p = buildProfile(s, index, T0 + 60 * DAY_MS);
    const running = p.affinities.categories.find((c) => c.id === 'Running')?.score ?? 0;
    const lighting = p.affinities.categories.find((c) => c.id === 'Lighting')?.score ?? 0;
    // Two half-lives (30 days each) apart: the old view weighs a quarter of the new one.
    expect(running / lighting).toBeCloseTo(0.25, 5);
    const later = buildProfile(s, index, T0 + 400 * DAY_MS);
    expect(later.affinities.categories.map((c) => c.score)).toEqual(
      p.affinities.categories.map((c) => c.score),
    ); // shares are scale-free: decay alone does not reorder
  });

  it('a bad review counts against the category and brand', () => {
    const views = [0, 4, 8].map((i) =>
      event('Product Viewed', { product_id: `i${i}` }, T0 + i, `v${i}`),
    );
    const good = fold([
      ...views,
      event('Product Reviewed', { product_id: 'i0', review_body: 'Love it, great!' }, T0 + 99, 'r'),
    ]);
    const bad = fold([
      ...views,
      event('Product Reviewed', { product_id: 'i0', review_body: 'not good at all' }, T0 + 99, 'r'),
    ]);
    expect(bad.categories['Running']?.v ?? 0).toBeLessThan(good.categories['Running']?.v ?? 0);
    expect(bad.brands['B0']?.v ?? 0).toBeLessThan(views.length);
    expect(buildProfile(bad, index, T0 + 100).sentiment.score).toBeLessThan(0);
  });

  it('keeps the state small whatever the history', () => {
    const s = fold(randomEvents(3, 5000));
    expect(JSON.stringify(s).length).toBeLessThan(60_000);
  });
});
