import {
  extendShopperState,
  shopperStateOf,
  type ShopperState,
  type StoredEvent,
} from '@insitu/core';
import type { EventStore } from './store/event-store.ts';

/** Events the strategies read (newest first): far more than any history the model uses. */
export const SCAN_LIMIT = 2000;

/**
 * Events the shopper state may hold beyond the newest `SCAN_LIMIT` before it is built again
 * from those alone: a shopper past the window does not pay a rebuild (about 13 ms for 2,000
 * events) for every new event, only once per this many.
 */
export const STATE_SLACK = 500;

/** The latest stored events, kept in memory so a recommendation does not read IndexedDB. */
export interface RecentEvents {
  /** Newest first, at most `SCAN_LIMIT`; the same array until something changes. */
  get(): Promise<readonly StoredEvent[]>;
  /**
   * Core's shopper state of those events (and of at most `STATE_SLACK` older ones that left the
   * window since the state was last built), shared by every strategy and never changed once
   * returned; this tab's new events extend it rather than rebuild it. Showings before the
   * shopper's reset of what was learned are left out.
   */
  shopper(): Promise<ShopperState>;
  /** This tab stored these events. */
  added(events: readonly StoredEvent[]): void;
  /** Another tab wrote, retention pruned, or the store changed: read it again next time. */
  invalidate(): void;
}

/** A state and the list it was derived from; `beyond` counts its events that left the list. */
interface Derived {
  of: readonly StoredEvent[];
  /** `shopperStateOf` of the list (and of `beyond` older events), showings unfiltered. */
  all: ShopperState;
  beyond: number;
  since: number;
  value: ShopperState;
}

/**
 * How many events at the head of `next` are new since `prev`: `next` must be those events, each
 * later than every event of `prev`, followed by `prev`'s newest (the same objects, in order).
 * Undefined when it is anything else (another tab's events, a re-read, an older event stored).
 */
function freshCount(prev: readonly StoredEvent[], next: readonly StoredEvent[]) {
  const k = prev.length === 0 ? next.length : next.indexOf(prev[0]!);
  if (k < 0) return undefined;
  const newest = prev[0]?.ts ?? -Infinity;
  for (let i = 0; i < k; i++) if (!(next[i]!.ts > newest)) return undefined;
  for (let j = k; j < next.length; j++) if (next[j] !== prev[j - k]) return undefined;
  return k;
}

/**
 * The newest `limit` of two newest-first lists, equal times keeping `fresh` first: what a stable
 * sort of `[...fresh, ...list]` gives, in one pass instead of a sort of the whole window.
 */
export function mergeNewestFirst(
  fresh: readonly StoredEvent[],
  list: readonly StoredEvent[],
  limit: number,
): StoredEvent[] {
  const out: StoredEvent[] = [];
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < fresh.length || j < list.length)) {
    const takeFresh = j === list.length || (i < fresh.length && fresh[i]!.ts >= list[j]!.ts);
    out.push(takeFresh ? fresh[i++]! : list[j++]!);
  }
  return out;
}

/** A cache of the store's `recent(SCAN_LIMIT)`, kept up to date with this tab's own writes. */
export function recentEvents(
  store: () => EventStore,
  cap: () => number,
  resetAt: () => number = () => -Infinity,
  slack = STATE_SLACK,
): RecentEvents {
  let cached: Promise<readonly StoredEvent[]> | undefined;
  let state: Derived | undefined;
  const limit = () => Math.max(1, Math.min(SCAN_LIMIT, cap()));

  /** The showings since the reset of what was learned. */
  const showingsSince = (all: ShopperState, at: number): ShopperState =>
    at === -Infinity
      ? all
      : {
          ...all,
          shown: all.shown
            .map((s) => ({ id: s.id, ts: s.ts.filter((t) => t >= at) }))
            .filter((s) => s.ts.length > 0),
        };

  /** The state of `events`: the last one extended by the new events where it can be. */
  const derive = (events: readonly StoredEvent[], at: number): Derived => {
    const prev = state;
    const k = prev === undefined ? undefined : freshCount(prev.of, events);
    if (prev !== undefined && k !== undefined) {
      const beyond = prev.beyond + prev.of.length - (events.length - k);
      if (beyond <= slack) {
        const all = k === 0 ? prev.all : extendShopperState(prev.all, events.slice(0, k));
        const value = all === prev.all && at === prev.since ? prev.value : showingsSince(all, at);
        return { of: events, all, beyond, since: at, value };
      }
    }
    const all = shopperStateOf(events);
    return { of: events, all, beyond: 0, since: at, value: showingsSince(all, at) };
  };

  const list = () => (cached ??= store().recent(limit()));

  return {
    get: list,
    async shopper() {
      const events = await list();
      const at = resetAt();
      if (state?.of !== events || state.since !== at) state = derive(events, at);
      return state.value;
    },
    added(events) {
      if (cached === undefined || events.length === 0) return;
      const fresh = [...events].sort((a, b) => b.ts - a.ts);
      cached = cached.then((list) => mergeNewestFirst(fresh, list, limit()));
    },
    invalidate() {
      cached = undefined;
    },
  };
}
