import { shopperStateOf, type ShopperState, type StoredEvent } from '@insitu/core';
import type { EventStore } from './store/event-store.ts';

/** Events the strategies read (newest first): far more than any history the model uses. */
export const SCAN_LIMIT = 2000;

/** The latest stored events, kept in memory so a recommendation does not read IndexedDB. */
export interface RecentEvents {
  /** Newest first, at most `SCAN_LIMIT`; the same array until something changes. */
  get(): Promise<readonly StoredEvent[]>;
  /**
   * Core's shopper state of those events, derived once per change and shared by every strategy;
   * showings before the shopper's reset of what was learned are left out.
   */
  shopper(): Promise<ShopperState>;
  /** This tab stored these events. */
  added(events: readonly StoredEvent[]): void;
  /** Another tab wrote, retention pruned, or the store changed: read it again next time. */
  invalidate(): void;
}

/** A cache of the store's `recent(SCAN_LIMIT)`, kept up to date with this tab's own writes. */
export function recentEvents(
  store: () => EventStore,
  cap: () => number,
  resetAt: () => number = () => -Infinity,
): RecentEvents {
  let cached: Promise<readonly StoredEvent[]> | undefined;
  let state: { of: readonly StoredEvent[]; since: number; value: ShopperState } | undefined;
  const limit = () => Math.max(1, Math.min(SCAN_LIMIT, cap()));
  return {
    get: () => (cached ??= store().recent(limit())),
    async shopper() {
      const events = await (cached ??= store().recent(limit()));
      const since = resetAt();
      if (state?.of !== events || state.since !== since) {
        const value = shopperStateOf(events);
        if (since > -Infinity) {
          value.shown = value.shown
            .map((s) => ({ id: s.id, ts: s.ts.filter((t) => t >= since) }))
            .filter((s) => s.ts.length > 0);
        }
        state = { of: events, since, value };
      }
      return state.value;
    },
    added(events) {
      if (cached === undefined || events.length === 0) return;
      cached = cached.then((list) =>
        // Stable sort: equal times keep the new events first.
        [...events, ...list].sort((a, b) => b.ts - a.ts).slice(0, limit()),
      );
    },
    invalidate() {
      cached = undefined;
    },
  };
}
