import { itemsOf, type JsonObject, type JsonValue, type StoredEvent } from '@insitu/core';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { chunkKey, MERGE_MAX, toChunk, type ChunkKey } from './chunks.ts';

/**
 * Version history of the database, one line per version. Every upgrade step keeps what the
 * previous version stored.
 * - 1: `events` (keyPath id, index `ts`) and `meta`.
 * - 2: index `items` (multi-entry) on `events`, with `items` back-filled from each event's
 *   properties; stores `profile` and `model`.
 * - 3: index `items` deleted: nothing in the SDK read it, and it cost every write one index
 *   entry per product named. Events keep their `items` field.
 * - 4: `events` keyed by `[ts, id]`, without indexes: the key sorts by time, so every read by
 *   time and every retention delete is a key range, and a write no longer adds an index entry.
 * - 5: `events` holds chunks of events, sorted by time, under a key that says each chunk's span
 *   and size (`chunks.ts`): a batch is one record, not one per event (about 10× the write
 *   throughput of version 4 on disk).
 */
export const SCHEMA_VERSION = 5;

/** The current schema, for idb's typed access. */
export interface InsituDB extends DBSchema {
  events: { key: ChunkKey; value: StoredEvent[] };
  meta: { key: string; value: JsonValue };
  profile: { key: string; value: JsonValue };
  model: { key: string; value: JsonValue };
}

/** `model` store: the personal head trained on this device (`worker/model/personal-learner.ts`). */
export const HEAD_KEY = 'personal-head';
/** `meta` store: when the shopper last reset what was learned (ms since the epoch). */
export const LEARNING_RESET_KEY = 'learningResetAt';

type UpgradeTx = IDBPTransaction<InsituDB, StoreNames<InsituDB>[], 'versionchange'>;

const createEvents = (db: IDBPDatabase<InsituDB>) => db.createObjectStore('events');

/** Events of a version 1-4 store, as valid stored events (v1 did not keep `items`). */
function oldEvents(old: Partial<StoredEvent>[]): StoredEvent[] {
  const out: StoredEvent[] = [];
  for (const e of old) {
    // An event without a usable ts was in no index, so nothing ever read it; it is left behind.
    if (typeof e.id !== 'string' || typeof e.ts !== 'number' || !Number.isFinite(e.ts)) continue;
    const items = Array.isArray(e.items) ? e.items : itemsOf((e.props ?? {}) as JsonObject);
    out.push({ ...(e as StoredEvent), items });
  }
  return out;
}

/** Brings a database of any older version to {@link SCHEMA_VERSION}. */
export async function upgrade(
  db: IDBPDatabase<InsituDB>,
  oldVersion: number,
  tx: UpgradeTx,
): Promise<void> {
  if (oldVersion < 1) {
    createEvents(db);
    db.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    db.createObjectStore('profile');
    db.createObjectStore('model');
  }
  if (oldVersion >= 1 && oldVersion < 5) {
    // Versions 1-4 kept one record per event: move them into chunks in time order.
    const old = (await tx.objectStore('events').getAll()) as unknown as Partial<StoredEvent>[];
    db.deleteObjectStore('events');
    const events = createEvents(db);
    const sorted = toChunk(oldEvents(old));
    for (let i = 0; i < sorted.length; i += MERGE_MAX) {
      const chunk = sorted.slice(i, i + MERGE_MAX);
      void events.put(chunk, chunkKey(chunk));
    }
  }
  const meta = tx.objectStore('meta');
  if ((await meta.get('createdAt')) === undefined) await meta.put(Date.now(), 'createdAt');
  await meta.put(SCHEMA_VERSION, 'schemaVersion');
  if (oldVersion > 0) await meta.put(oldVersion, 'upgradedFrom');
}
