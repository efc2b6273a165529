import type { StoredEvent } from '../events.ts';
import { DAY_MS } from './decay.ts';
import type { EventMeaning } from '../event-meaning.ts';
import type { EventProduct } from './event-products.ts';
import type { ProfileState, SessionState } from './state.ts';

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

/**
 * Updates visits and the current session's funnel for one event. After an order the session's
 * buying intent ends: its funnel counts start again, with `ordered` set.
 */
export function foldSession(
  state: ProfileState,
  event: StoredEvent,
  meaning: Readonly<EventMeaning> | undefined,
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
  if (meaning?.checkout) s.checkout = 1;
  switch (meaning?.kind) {
    case 'view':
      s.views += 1;
      if (first !== undefined) {
        if (s.viewed.includes(first.id)) s.repeatViews += 1;
        else s.viewed = [...s.viewed, first.id].slice(-VIEWED_CAP);
      }
      break;
    case 'add':
      s.adds += 1;
      break;
    case 'remove':
      s.removes += 1;
      break;
    case 'search':
      s.searches += 1;
      break;
    case 'purchase':
      if (meaning?.order === 'complete') {
        state.session = { ...newSession(s.start), last: s.last, events: s.events, ordered: 1 };
      }
      break;
    default:
  }
}
