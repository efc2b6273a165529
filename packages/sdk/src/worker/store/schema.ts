import { itemsOf, type JsonObject, type JsonValue, type StoredEvent } from '@insitu/core';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

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
 */
export const SCHEMA_VERSION = 4;

/** The key of a stored event: its time first, so the store is ordered by time. */
export type EventKey = [ts: number, id: string];

/** The current schema, for idb's typed access. */
export interface InsituDB extends DBSchema {
  events: { key: EventKey; value: StoredEvent };
  meta: { key: string; value: JsonValue };
  profile: { key: string; value: JsonValue };
  model: { key: string; value: JsonValue };
}

/** `model` store: the personal head trained on this device (`worker/model/personal-learner.ts`). */
export const HEAD_KEY = 'personal-head';
/** `meta` store: when the shopper last reset what was learned (ms since the epoch). */
export const LEARNING_RESET_KEY = 'learningResetAt';

type UpgradeTx = IDBPTransaction<InsituDB, StoreNames<InsituDB>[], 'versionchange'>;

const createEvents = (db: IDBPDatabase<InsituDB>) =>
  db.createObjectStore('events', { keyPath: ['ts', 'id'] satisfies (keyof StoredEvent)[] });

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
  if (oldVersion >= 1 && oldVersion < 4) {
    // Versions 1-3 keyed events by id (with a `ts` index): move them to the time-ordered key.
    // An event without a usable ts was in no index, so nothing ever read it; it is left behind.
    const old = (await tx.objectStore('events').getAll()) as Partial<StoredEvent>[];
    db.deleteObjectStore('events');
    const events = createEvents(db);
    for (const e of old) {
      if (typeof e.id !== 'string' || typeof e.ts !== 'number' || Number.isNaN(e.ts)) continue;
      // Version 1 did not keep `items`; derive it, as every later event has it.
      const items = () => itemsOf((e.props ?? {}) as JsonObject);
      void events.put((Array.isArray(e.items) ? e : { ...e, items: items() }) as StoredEvent);
    }
  }
  const meta = tx.objectStore('meta');
  if ((await meta.get('createdAt')) === undefined) await meta.put(Date.now(), 'createdAt');
  await meta.put(SCHEMA_VERSION, 'schemaVersion');
  if (oldVersion > 0) await meta.put(oldVersion, 'upgradedFrom');
}
