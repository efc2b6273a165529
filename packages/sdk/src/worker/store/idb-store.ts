import type { JsonObject, JsonValue, StoredEvent } from '@insitu/core';
import { openDB, type IDBPDatabase } from 'idb';
import type { CounterName, EventStore, PruneRule, StateStore } from './event-store.ts';
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

/** Opens (creating or upgrading) the database; rejects when IndexedDB is unusable. */
export async function openIdbStore(name: string): Promise<EventStore> {
  const store = new IdbStore(name);
  await store.connect();
  return store;
}

class IdbStore implements EventStore {
  readonly kind = 'indexeddb';
  private db: Promise<DB> | null = null;

  constructor(private readonly name: string) {}

  connect(): Promise<DB> {
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

  async put(events: readonly StoredEvent[]): Promise<void> {
    const tx = (await this.connect()).transaction('events', 'readwrite');
    for (const e of events) void tx.store.put(e);
    await tx.done;
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

  async byItem(itemId: string): Promise<StoredEvent[]> {
    const events = await (await this.connect()).getAllFromIndex('events', 'items', itemId);
    return events.sort((a, b) => a.ts - b.ts);
  }

  async all(): Promise<StoredEvent[]> {
    return (await this.connect()).getAllFromIndex('events', 'ts');
  }

  async prune(rule: PruneRule): Promise<number> {
    const tx = (await this.connect()).transaction('events', 'readwrite');
    const index = tx.store.index('ts');
    let removed = 0;
    let cursor = await index.openKeyCursor(IDBKeyRange.upperBound(rule.cutoff, true));
    while (cursor) {
      void tx.store.delete(cursor.primaryKey);
      removed++;
      cursor = await cursor.continue();
    }
    let excess = Math.max(0, (await tx.store.count()) - rule.maxEvents) + (rule.extra ?? 0);
    if (excess > 0) {
      cursor = await index.openKeyCursor();
      while (cursor && excess > 0) {
        void tx.store.delete(cursor.primaryKey);
        removed++;
        excess--;
        cursor = await cursor.continue();
      }
    }
    await tx.done;
    return removed;
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
    const db = this.db;
    this.db = null;
    void db?.then((d) => d.close()).catch(() => undefined);
  }
}
