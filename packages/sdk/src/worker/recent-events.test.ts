import { shopperStateOf, type ShopperState, type StoredEvent } from '@insitu/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeNewestFirst, recentEvents } from './recent-events.ts';
import { MemoryStore } from './store/memory-store.ts';
import { storedEvent as ev } from '../../../core/src/test-fixtures/stored-event.ts';

const ids = ['a', 'b', 'c', 'd', 'e', 'f'];

/** An event of a kind that changes the history, the cart, orders, the wishlist or showings. */
const anEvent = fc
  .record({
    kind: fc.integer({ min: 0, max: 8 }),
    id: fc.constantFrom(...ids),
    other: fc.constantFrom(...ids),
    order: fc.constantFrom('o1', 'o2'),
  })
  .map(({ kind, id, other, order }) => {
    const products = [{ product_id: id }, { product_id: other, quantity: 2 }];
    const named: [string, StoredEvent['props']][] = [
      ['Product Viewed', { product_id: id }],
      ['Product Viewed', { product_id: other }],
      ['Recommendation Shown', { products }],
      ['Product Added', { product_id: id, quantity: 2 }],
      ['Product Removed', { product_id: id }],
      ['Order Completed', { order_id: order, products }],
      ['Order Refunded', { order_id: order, products: [{ product_id: id }] }],
      ['Product Added to Wishlist', { product_id: other }],
      ['Recommendation Clicked', { product_id: other }],
    ];
    return named[kind]!;
  });

/** What the worker does: store a batch, then tell the cache; or another tab wrote; or a reset. */
const anOp = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({
      type: fc.constant('batch' as const),
      events: fc.array(fc.tuple(anEvent, fc.integer({ min: -3, max: 3 })), {
        minLength: 1,
        maxLength: 3,
      }),
      read: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'invalidate' as const }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reset' as const), back: fc.nat(6) }) },
);

/** The state of some stored events, showings before `at` left out, as defined. */
function reference(stored: readonly StoredEvent[], some: Set<string>, at: number) {
  const state = shopperStateOf(stored.filter((e) => some.has(e.id)));
  if (at === -Infinity) return state;
  state.shown = state.shown
    .map((s) => ({ id: s.id, ts: s.ts.filter((t) => t >= at) }))
    .filter((s) => s.ts.length > 0);
  return state;
}

describe('recentEvents().shopper()', () => {
  it('is the state of the window, extended by new events, within the slack, never changed once returned', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anOp, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(0, 4),
        async (ops, window, slack) => {
          const store = new MemoryStore();
          let at = -Infinity;
          let clock = 100;
          const recent = recentEvents(
            () => store,
            () => window,
            () => at,
            slack,
          );
          const returned: [ShopperState, string][] = [];
          const windows: Set<string>[] = [];
          for (const op of ops) {
            if (op.type === 'invalidate') recent.invalidate();
            else if (op.type === 'reset') at = clock - op.back;
            else {
              // Mostly later than what is stored; some ties and some older ones (late arrivals).
              // Times within one batch differ: the store and the cache order such ties apart.
              const batch = op.events.map(([[name, props], dt], i) => {
                clock += i === 0 ? Math.max(0, dt) : Math.max(1, dt);
                return ev(name, props, dt < 0 ? clock + dt * 10 + i / 8 : clock);
              });
              await store.put(batch);
              recent.added(batch);
            }
            if (op.type !== 'batch' || op.read) {
              const state = await recent.shopper();
              returned.push([state, JSON.stringify(state)]);
              const window = new Set((await recent.get()).map((e) => e.id));
              windows.push(window);
              const stored = await store.recent(Infinity);
              const exact = JSON.stringify(reference(stored, window, at));
              if (slack === 0) expect(JSON.stringify(state)).toBe(exact);
              else {
                // The window and what earlier reads' windows held since the state was last
                // built, at most `slack` events beyond the window.
                const options = windows.map((_, j) => {
                  const union = new Set(windows.slice(j).flatMap((w) => [...w]));
                  return union.size - window.size <= slack ? reference(stored, union, at) : null;
                });
                expect(options.map((o) => JSON.stringify(o))).toContain(JSON.stringify(state));
              }
            }
          }
          for (const [state, json] of returned) expect(JSON.stringify(state)).toBe(json);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('extends the state past the window instead of building it again for every event', async () => {
    const store = new MemoryStore();
    const recent = recentEvents(
      () => store,
      () => 5,
      () => -Infinity,
      3,
    );
    const views = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const seen: string[][] = [];
    for (const [i, id] of views.entries()) {
      const batch = [ev('Product Viewed', { product_id: id }, 1000 + i)];
      await store.put(batch);
      recent.added(batch);
      seen.push((await recent.shopper()).history.map((h) => h.id));
    }
    // Up to 3 views beyond the last 5 stay until the slack is used up; then only the last 5.
    expect(seen[7]).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(seen[8]).toEqual(['e', 'f', 'g', 'h', 'i']);
    expect(seen[9]).toEqual(['e', 'f', 'g', 'h', 'i', 'j']);
  });

  it('adds new events to the window as sorting it again would', () => {
    const times = fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 });
    fc.assert(
      fc.property(times, times, fc.integer({ min: 1, max: 40 }), (fresh, old, limit) => {
        const events = (ts: number[]) => ts.map((t) => ev('Product Viewed', {}, t));
        const list = events(old).sort((a, b) => b.ts - a.ts);
        const added = events(fresh);
        const sorted = [...added, ...list].sort((a, b) => b.ts - a.ts).slice(0, limit);
        const newest = [...added].sort((a, b) => b.ts - a.ts);
        expect(mergeNewestFirst(newest, list, limit)).toEqual(sorted);
      }),
    );
  });
});
