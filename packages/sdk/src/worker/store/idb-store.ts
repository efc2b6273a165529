import type { JsonObject, JsonValue, StoredEvent } from '@insitu/core';
import { openDB, unwrap, type IDBPDatabase, type IDBPObjectStore, type IDBPTransaction } from 'idb';
import type { CounterName, EventStore, PruneResult, PruneRule, StateStore } from './event-store.ts';
import {
  byTime,
  chunkKey,
  eventsIn,
  MERGE_MAX,
  overlaps,
  toChunk,
  type ChunkKey,
} from './chunks.ts';
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
type WriteTx = IDBPTransaction<InsituDB, ['events'], 'readwrite'>;

/** A chunk retention reads or cuts: its stored key, its events once loaded, whether they changed. */
interface Held {
  key: ChunkKey;
  events?: StoredEvent[];
  changed?: boolean;
}

const minOf = (h: Held) => h.events?.[0]?.ts ?? h.key[1];

/**
 * Applies retention inside the caller's transaction (after its writes, which it counts). It reads
 * the chunk keys (each says its time span and size): chunks wholly older than the cutoff go in one
 * ranged delete; of the rest, only the chunks that hold the cut are loaded and written back
 * without the events removed. Oldest first is by time across chunks, as if events were one list.
 */
async function retain(store: EventsStore, rule: PruneRule): Promise<PruneResult> {
  const raw = unwrap(store);
  const keys = await store.getAllKeys();
  let removed = 0;
  let upTo = -Infinity;
  const expired = keys.filter((k) => k[0] < rule.cutoff);
  if (expired.length > 0) {
    raw.delete(IDBKeyRange.upperBound([rule.cutoff], true));
    removed += eventsIn(expired);
    upTo = Math.max(...expired.map((k) => k[0]));
  }
  const live: Held[] = keys.filter((k) => k[0] >= rule.cutoff).map((key) => ({ key }));
  const load = (hs: Held[]) =>
    Promise.all(
      hs.map(async (h) => {
        h.events ??= (await store.get(h.key)) ?? [];
      }),
    );
  const straddling = live.filter((h) => h.key[1] < rule.cutoff);
  await load(straddling);
  let total = eventsIn(live.map((h) => h.key));
  for (const h of straddling) {
    const kept = h.events!.filter((e) => e.ts >= rule.cutoff);
    const cut = h.events!.length - kept.length;
    if (cut > 0) upTo = Math.max(upTo, h.events![cut - 1]!.ts); // sorted: the cut is a prefix
    removed += cut;
    total -= h.events!.length - kept.length;
    Object.assign(h, { events: kept, changed: true });
  }
  const excess = Math.min(total, Math.max(0, total - rule.maxEvents) + (rule.extra ?? 0));
  if (excess > 0) {
    // Load chunks oldest first until the excess-th oldest event loaded is older than anything in
    // the chunks not loaded (chunks may overlap in time when events arrive late).
    live.sort((a, b) => minOf(a) - minOf(b));
    let next = 0;
    let held: StoredEvent[] = [];
    for (;;) {
      const take: Held[] = [];
      let n = held.length;
      do {
        take.push(live[next]!);
        n += live[next]!.events?.length ?? live[next]!.key[2];
        next++;
      } while (next < live.length && n < excess);
      await load(take);
      held = held.concat(...take.map((h) => h.events!)).sort(byTime);
      if (next === live.length || held[excess - 1]!.ts < minOf(live[next]!)) break;
    }
    const gone = new Set(held.slice(0, excess).map((e) => e.id));
    for (const h of live.slice(0, next)) {
      const kept = h.events!.filter((e) => !gone.has(e.id));
      if (kept.length < h.events!.length) Object.assign(h, { events: kept, changed: true });
    }
    removed += excess;
    total -= excess;
    upTo = Math.max(upTo, held[excess - 1]!.ts);
  }
  for (const h of live) {
    if (!h.changed) continue;
    raw.delete(h.key);
    if (h.events!.length > 0) raw.put(h.events, chunkKey(h.events!));
  }
  return { removed, left: total, upTo };
}

/**
 * The ids of the stored events that may have a `ts` in [from, to] (those of the chunks spanning
 * part of it), and `near`: the keys of every chunk whose newest event is at `from` or later.
 */
async function storedIn(
  store: IDBPObjectStore<InsituDB, ['events'], 'events', IDBTransactionMode>,
  from: number,
  to: number,
): Promise<{ ids: Set<string>; near: ChunkKey[] }> {
  const near = await store.getAllKeys(IDBKeyRange.lowerBound([from]));
  const spanned = near.filter((k) => overlaps(k, from, to));
  const ids = new Set<string>();
  for (const chunk of await Promise.all(spanned.map((k) => store.get(k)))) {
    for (const e of chunk ?? []) ids.add(e.id);
  }
  return { ids, near };
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
    // Checked first: an event without a valid key stores none of the batch.
    const batch = toChunk(events);
    // Relaxed: committed once the OS has the data, without waiting for it to reach the disk
    // (several times faster on disk). A browser or tab crash loses nothing; only an OS crash or
    // power cut can lose the last batches, which is acceptable for behaviour history.
    const tx = (await this.connect()).transaction('events', 'readwrite', { durability: 'relaxed' });
    try {
      if (batch.length > 0) await this.write(tx, batch);
      const trimmed = trim ? await retain(tx.store, trim) : undefined;
      await tx.done;
      return trimmed;
    } catch (error) {
      // A failed request aborts the transaction: nothing of the batch is stored.
      tx.done.catch(() => undefined);
      throw error;
    }
  }

  /** Adds a sorted batch to the store in `tx`, leaving out events it holds already. */
  private async write(tx: WriteTx, batch: StoredEvent[]): Promise<void> {
    // The bare store for writes: idb would wrap each request in a promise; a failed one fails
    // `tx.done`.
    const raw = unwrap(tx.store);
    // Usually no chunk is near, as events arrive in time order.
    const { near, ids: stored } = await storedIn(tx.store, batch[0]!.ts, batch.at(-1)!.ts);
    const fresh = stored.size === 0 ? batch : batch.filter((e) => !stored.has(e.id));
    // A small batch joins the newest chunk while that stays small, so browsing a few events
    // at a time does not leave a record per event.
    const newest = near.at(-1) ?? (await tx.store.openKeyCursor(null, 'prev'))?.key;
    if (fresh.length > 0 && newest !== undefined && newest[2] + fresh.length <= MERGE_MAX) {
      const merged = toChunk([...((await tx.store.get(newest)) ?? []), ...fresh]);
      raw.delete(newest);
      raw.put(merged, chunkKey(merged));
    } else if (fresh.length > 0) {
      raw.put(fresh, chunkKey(fresh));
    }
  }

  async count(): Promise<number> {
    return eventsIn(await (await this.connect()).getAllKeys('events'));
  }

  async existing(events: readonly Pick<StoredEvent, 'id' | 'ts'>[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const times = events.map((e) => e.ts);
    const [from, to] = [Math.min(...times), Math.max(...times)];
    const { ids } = await storedIn((await this.connect()).transaction('events').store, from, to);
    return new Set(events.filter((e) => ids.has(e.id)).map((e) => e.id));
  }

  async recent(limit: number, since = -Infinity): Promise<StoredEvent[]> {
    if (limit <= 0) return [];
    const store = (await this.connect()).transaction('events').store;
    const newest = (a: StoredEvent, b: StoredEvent) => byTime(b, a);
    // Keys of the chunks with an event at or after `since`, oldest newest-event first.
    const keys = await store.getAllKeys(since > -Infinity ? IDBKeyRange.lowerBound([since]) : null);
    const got: StoredEvent[] = [];
    let end = keys.length;
    while (end > 0) {
      // The next chunks back in time that may hold the events still missing: one read.
      let start = end;
      let n = 0;
      do n += keys[--start]![2];
      while (start > 0 && got.length + n < limit);
      for (const chunk of await store.getAll(IDBKeyRange.bound(keys[start]!, keys[end - 1]!))) {
        for (const e of chunk) if (e.ts >= since) got.push(e);
      }
      end = start;
      // Done once the limit-th newest is newer than everything in the chunks not read.
      if (got.length >= limit && (end === 0 || got.sort(newest)[limit - 1]!.ts > keys[end - 1]![0]))
        break;
    }
    return got.sort(newest).slice(0, limit);
  }

  async all(): Promise<StoredEvent[]> {
    return (await (await this.connect()).getAll('events')).flat().sort(byTime);
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

  async deleteState(store: StateStore, key: string): Promise<void> {
    await (await this.connect()).delete(store, key);
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
