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
 */
export const SCHEMA_VERSION = 3;

/** The current schema, for idb's typed access. */
export interface InsituDB extends DBSchema {
  events: { key: string; value: StoredEvent; indexes: { ts: number } };
  meta: { key: string; value: JsonValue };
  profile: { key: string; value: JsonValue };
  model: { key: string; value: JsonValue };
}

/** `model` store: the personal head trained on this device (`worker/model/personal-learner.ts`). */
export const HEAD_KEY = 'personal-head';
/** `meta` store: when the shopper last reset what was learned (ms since the epoch). */
export const LEARNING_RESET_KEY = 'learningResetAt';

type UpgradeTx = IDBPTransaction<InsituDB, StoreNames<InsituDB>[], 'versionchange'>;

/** Brings a database of any older version to {@link SCHEMA_VERSION}. */
export async function upgrade(
  db: IDBPDatabase<InsituDB>,
  oldVersion: number,
  tx: UpgradeTx,
): Promise<void> {
  if (oldVersion < 1) {
    db.createObjectStore('events', { keyPath: 'id' }).createIndex('ts', 'ts');
    db.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    const events = tx.objectStore('events');
    db.createObjectStore('profile');
    db.createObjectStore('model');
    // Version 1 did not keep `items`; derive it, as every later event has it.
    let cursor = await events.openCursor();
    while (cursor) {
      const event = cursor.value;
      if (!Array.isArray(event.items)) {
        await cursor.update({ ...event, items: itemsOf((event.props ?? {}) as JsonObject) });
      }
      cursor = await cursor.continue();
    }
  }
  if (oldVersion === 2) {
    tx.objectStore('events').deleteIndex('items');
  }
  const meta = tx.objectStore('meta');
  if ((await meta.get('createdAt')) === undefined) await meta.put(Date.now(), 'createdAt');
  await meta.put(SCHEMA_VERSION, 'schemaVersion');
  if (oldVersion > 0) await meta.put(oldVersion, 'upgradedFrom');
}
