import type { JsonObject, JsonValue, StoredEvent } from '@insitu/core';
import { openDB, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import type { CounterName, EventStore, PruneResult, PruneRule, StateStore } from './event-store.ts';
import { SCHEMA_VERSION, upgrade, type InsituDB } from './schema.ts';

type DB = IDBPDatabase<InsituDB>;

function open(name: string, onClose: () => void): Promise<DB> {
  return openDB<InsituDB>(name, SCHEMA_VERSION, {
    // idb keeps the versionchange transaction open while the upgrade awaits only IndexedDB work;
    // a failed step aborts the transaction, so the old version stays intact.
    upgrade: (db, oldVersion, _newVersion, tx) => {
      upgrade(db, oldVersion, tx).catch(() => {
        try {
          tx.abort();
        } catch {
          // Already finished: nothing left to undo.
        }
      });
    },
    // Another tab upgrades or deletes the database: step aside, reopen on the next call.
    blocking: (_current, _next, event) => {
      (event.target as IDBDatabase).close();
      onClose();
    },
    terminated: onClose,
  });
}

type EventsStore = IDBPObjectStore<InsituDB, ['events'], 'events', 'readwrite'>;

/**
 * Deletes these keys. The page makes ids that sort by time (`event-id.ts`), so the oldest events
 * usually hold the lowest keys: then one ranged delete does it, ~17× faster on disk than a
 * delete per key. The range is used only when it holds exactly these keys (their highest is
 * its end and it counts as many), so older ids (random UUIDs) or another order cost speed,
 * never an event that should stay.
 */
async function deleteKeys(store: EventsStore, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  let last = keys[0]!;
  for (const key of keys) if (key > last) last = key;
  const range = IDBKeyRange.upperBound(last);
  if (keys.length > 1 && (await store.count(range)) === keys.length) {
    await store.delete(range);
    return;
  }
  for (const key of keys) void store.delete(key);
}

/** Applies retention inside the caller's transaction (after its writes, which it counts). */
async function retain(store: EventsStore, rule: PruneRule): Promise<PruneResult> {
  const index = store.index('ts');
  // Keys read in one request each, never a cursor step per event (a round trip each).
  const expired = await index.getAllKeys(IDBKeyRange.upperBound(rule.cutoff, true));
  await deleteKeys(store, expired);
  // Requests run in order, so the count already leaves the expired ones out.
  const total = await store.count();
  const excess = Math.min(total, Math.max(0, total - rule.maxEvents) + (rule.extra ?? 0));
  const oldest = excess > 0 ? await index.getAllKeys(null, excess) : [];
  const newest = oldest.length > 0 ? await store.get(oldest.at(-1)!) : undefined;
  await deleteKeys(store, oldest);
  const upTo = newest?.ts ?? (expired.length > 0 ? rule.cutoff : -Infinity);
  return { removed: expired.length + oldest.length, left: total - oldest.length, upTo };
}

/** Opens (creating or upgrading) the database; rejects when IndexedDB is unusable. */
export async function openIdbStore(name: string): Promise<EventStore> {
  const store = new IdbStore(name);
  await store.connect();
  return store;
}

class IdbStore implements EventStore {
  readonly kind = 'indexeddb';
  private db: Promise<DB> | null = null;
  /** After close() the store stays closed: a late write must not recreate an erased database. */
  private closed = false;

  constructor(private readonly name: string) {}

  connect(): Promise<DB> {
    if (this.closed)
      return Promise.reject(new DOMException('The store is closed.', 'InvalidStateError'));
    if (!this.db) {
      const db = open(this.name, () => {
        if (this.db === db) this.db = null;
      });
      this.db = db;
      db.catch(() => {
        if (this.db === db) this.db = null;
      });
    }
    return this.db;
  }

  async put(events: readonly StoredEvent[], trim?: PruneRule): Promise<PruneResult | undefined> {
    // Relaxed: committed once the OS has the data, without waiting for it to reach the disk
    // (several times faster on disk). A browser or tab crash loses nothing; only an OS crash or
    // power cut can lose the last batches, which is acceptable for behaviour history.
    const tx = (await this.connect()).transaction('events', 'readwrite', { durability: 'relaxed' });
    for (const e of events) void tx.store.put(e);
    const trimmed = trim ? await retain(tx.store, trim) : undefined;
    await tx.done;
    return trimmed;
  }

  async count(): Promise<number> {
    return (await this.connect()).count('events');
  }

  async existing(ids: readonly string[]): Promise<Set<string>> {
    const store = (await this.connect()).transaction('events').store;
    const keys = await Promise.all(ids.map((id) => store.getKey(id)));
    return new Set(ids.filter((_, i) => keys[i] !== undefined));
  }

  async recent(limit: number, since = -Infinity): Promise<StoredEvent[]> {
    const db = await this.connect();
    const range = since > -Infinity ? IDBKeyRange.lowerBound(since) : undefined;
    const out: StoredEvent[] = [];
    let cursor = await db.transaction('events').store.index('ts').openCursor(range, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }

  async all(): Promise<StoredEvent[]> {
    return (await this.connect()).getAllFromIndex('events', 'ts');
  }

  async prune(rule: PruneRule): Promise<PruneResult> {
    const tx = (await this.connect()).transaction('events', 'readwrite', { durability: 'relaxed' });
    const result = await retain(tx.store, rule);
    await tx.done;
    return result;
  }

  async meta(): Promise<JsonObject> {
    const tx = (await this.connect()).transaction('meta');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));
  }

  async setMeta(key: string, value: JsonValue): Promise<void> {
    await (await this.connect()).put('meta', value, key);
  }

  async addCounters(delta: Partial<Record<CounterName, number>>): Promise<void> {
    // One transaction: read-modify-write is atomic even with other tabs writing.
    const tx = (await this.connect()).transaction('meta', 'readwrite');
    for (const [name, n] of Object.entries(delta)) {
      const old = await tx.store.get(`count.${name}`);
      await tx.store.put((typeof old === 'number' ? old : 0) + n, `count.${name}`);
    }
    await tx.done;
  }

  async getState(store: StateStore, key: string): Promise<JsonValue | undefined> {
    return (await this.connect()).get(store, key);
  }

  async putState(store: StateStore, key: string, value: JsonValue): Promise<void> {
    await (await this.connect()).put(store, value, key);
  }

  async allState(store: StateStore): Promise<JsonObject> {
    const tx = (await this.connect()).transaction(store);
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    return Object.fromEntries(keys.map((k, i) => [k, values[i] ?? null]));
  }

  close(): void {
    this.closed = true;
    const db = this.db;
    this.db = null;
    void db?.then((d) => d.close()).catch(() => undefined);
  }
}
