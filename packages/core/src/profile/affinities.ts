import { decayedAt } from './decay.ts';
import type { Affinity, EventKind } from './state.ts';

/** One interest with its normalised score. */
export interface AffinityScore {
  id: string;
  score: number;
}

/** Which events drove an interest: counts per event kind and the latest items. */
export interface Driver {
  events: Partial<Record<EventKind, number>>;
  items: string[];
}

/** Interests shown per kind. */
export const AFFINITY_LIMIT = 20;

/**
 * Decays every entry to `now` and divides by the total positive weight, so scores are shares
 * (positive ones sum to at most 1, "Running ≥ 0.3" reads as "a third of their interest") and a
 * negative score means the shopper turned against it. Sorted by score, ties by id.
 */
export function rankAffinities(
  map: Readonly<Record<string, Affinity>>,
  now: number,
  halfLifeDays: number,
  limit = AFFINITY_LIMIT,
): AffinityScore[] {
  const raw = Object.entries(map).map(([id, a]) => ({ id, v: decayedAt(a, now, halfLifeDays) }));
  const total = raw.reduce((sum, r) => sum + Math.max(0, r.v), 0);
  if (total <= 0) {
    return raw
      .filter((r) => r.v < 0)
      .map((r) => ({ id: r.id, score: -1 }))
      .slice(0, limit);
  }
  return raw
    .filter((r) => Math.abs(r.v) / total >= 1e-4)
    .map((r) => ({ id: r.id, score: Math.max(-1, r.v / total) }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, limit);
}

/** The drivers of the ranked interests. */
export function driversOf(
  map: Readonly<Record<string, Affinity>>,
  ranked: readonly AffinityScore[],
): Record<string, Driver> {
  const out: Record<string, Driver> = {};
  for (const { id } of ranked) {
    const a = map[id];
    if (a !== undefined) out[id] = { events: { ...a.n }, items: [...a.items] };
  }
  return out;
}
