import type { StoredEvent } from '@insitu/core';

/**
 * The key of a stored chunk of events: `[maxTs, minTs, n, firstId]`. It sorts by the newest event
 * in the chunk, and holds everything retention, counting and reading by time need, so those read
 * keys (small) and load only the chunks they keep or cut. `firstId` makes it unique: every event
 * is in one chunk.
 */
export type ChunkKey = [maxTs: number, minTs: number, n: number, firstId: string];

/** Events in one chunk written by merging small batches into the newest chunk. */
export const MERGE_MAX = 256;

/** Event order of the store: by time, then id (the order of the old `[ts, id]` key). */
export function byTime(a: StoredEvent, b: StoredEvent): number {
  return a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The key of a chunk of events sorted by {@link byTime} (at least one). */
export function chunkKey(events: readonly StoredEvent[]): ChunkKey {
  const first = events[0]!;
  return [events.at(-1)!.ts, first.ts, events.length, first.id];
}

/** A chunk's events as they are stored; DataError (nothing written) for an event without a key. */
export function toChunk(events: readonly StoredEvent[]): StoredEvent[] {
  const seen = new Set<string>();
  const out: StoredEvent[] = [];
  for (const e of events) {
    if (typeof e.id !== 'string' || typeof e.ts !== 'number' || !Number.isFinite(e.ts)) {
      throw new DOMException('An event has no valid id and time.', 'DataError');
    }
    if (!seen.has(e.id)) out.push(e);
    seen.add(e.id);
  }
  return out.sort(byTime);
}

/** Whether a chunk may hold events with `ts` in [from, to]. */
export const overlaps = (key: ChunkKey, from: number, to: number) => key[0] >= from && key[1] <= to;

/** Total events of these chunks. */
export const eventsIn = (keys: readonly ChunkKey[]) => keys.reduce((s, k) => s + k[2], 0);
