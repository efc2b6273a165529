import { itemsOf, type JsonObject, type JsonValue, type StoredEvent } from '@insitu/core';
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';

/**
 * Version history of the database, one line per version. Every upgrade step keeps what the
 * previous version stored.
 * - 1: `events` (keyPath id, index `ts`) and `meta`.
 * - 2: index `items` (multi-entry) on `events`, with `items` back-filled from each event's
 *   properties; stores `profile` and `model`.
 */
export const SCHEMA_VERSION = 2;

/** The current schema, for idb's typed access. */
export interface InsituDB extends DBSchema {
  events: { key: string; value: StoredEvent; indexes: { ts: number; items: string } };
  meta: { key: string; value: JsonValue };
  profile: { key: string; value: JsonValue };
  model: { key: string; value: JsonValue };
}

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
    events.createIndex('items', 'items', { multiEntry: true });
    db.createObjectStore('profile');
    db.createObjectStore('model');
    // Version 1 did not keep `items`; derive it so the new index covers old events too.
    let cursor = await events.openCursor();
    while (cursor) {
      const event = cursor.value;
      if (!Array.isArray(event.items)) {
        await cursor.update({ ...event, items: itemsOf((event.props ?? {}) as JsonObject) });
      }
      cursor = await cursor.continue();
    }
  }
  const meta = tx.objectStore('meta');
  if ((await meta.get('createdAt')) === undefined) await meta.put(Date.now(), 'createdAt');
  await meta.put(SCHEMA_VERSION, 'schemaVersion');
  if (oldVersion > 0) await meta.put(oldVersion, 'upgradedFrom');
}
