import type { Decayed } from './state.ts';

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** The factor a value keeps after `dtMs` with the given half-life. */
export function decayFactor(dtMs: number, halfLifeDays: number): number {
  return Math.pow(2, -dtMs / (halfLifeDays * DAY_MS));
}

/**
 * Adds `w` observed at `ts`. The reference time only moves forward, and a late (out-of-order)
 * event is discounted to the reference time instead, so the sum does not depend on arrival order.
 */
export function addDecayed(d: Decayed, w: number, ts: number, halfLifeDays: number): void {
  if (d.v === 0 && d.t === 0) {
    d.t = ts;
    d.v = w;
  } else if (ts >= d.t) {
    d.v = d.v * decayFactor(ts - d.t, halfLifeDays) + w;
    d.t = ts;
  } else {
    d.v += w * decayFactor(d.t - ts, halfLifeDays);
  }
}

/** The value as of `now`; a reference time after `now` (clock skew) is not extrapolated. */
export function decayedAt(d: Decayed, now: number, halfLifeDays: number): number {
  return now > d.t ? d.v * decayFactor(now - d.t, halfLifeDays) : d.v;
}
