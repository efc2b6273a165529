import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB } from 'idb';
import type { ErrorInfo, StoredEvent } from '@insitu/core';
import { openIdbStore } from './idb-store.ts';
import { MemoryStore } from './memory-store.ts';
import type { EventStore } from './event-store.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { MERGE_MAX } from './chunks.ts';
import { Ingest } from '../ingest.ts';
import { withFaults } from '../faults.ts';

const DAY = 86_400_000;
const names: string[] = [];
const stores: EventStore[] = [];
async function fresh(): Promise<{ name: string; store: EventStore }> {
  const name = `store-${crypto.randomUUID()}`;
  names.push(name);
  const store = await openIdbStore(name);
  stores.push(store);
  return { name, store };
}
afterEach(async () => {
  stores.splice(0).forEach((s) => s.close());
  await Promise.all(names.splice(0).map((n) => deleteDB(n)));
});

let seq = 0;
const ev = (ts: number, items: string[] = [], name = 'Product Viewed'): StoredEvent => ({
  id: `e${++seq}-${crypto.randomUUID()}`,
  name,
  props: items[0] ? { product_id: items[0] } : {},
  ts,
  items,
});

/** An Ingest over `store` that records reports; raw events from `(name, props, ts)`. */
function ingestInto(store: EventStore, retention = { maxAgeDays: 180, maxEvents: 10_000 }) {
  const reports: ErrorInfo[] = [];
  const stored: StoredEvent[][] = [];
  const ingest = new Ingest({
    store: () => store,
    retention: () => retention,
    report: (e) => reports.push(e),
    stored: (events) => stored.push([...events]),
  });
  return { ingest, reports, stored };
}

for (const kind of ['indexeddb', 'memory'] as const) {
  describe(`${kind} store`, () => {
    const make = async () => (kind === 'memory' ? new MemoryStore() : (await fresh()).store);

    it('writes a batch keyed by time and id: writing it again keeps one copy', async () => {
      const store = await make();
      const batch = Array.from({ length: 300 }, (_, i) => ev(1000 + i, [`p${i % 7}`]));
      await store.put(batch);
      await store.put(batch.slice(0, 100));
      expect(await store.count()).toBe(300);
      const asked = [batch[0]!, { id: 'not-stored', ts: 1000 }, batch[299]!];
      expect(await store.existing(asked)).toEqual(new Set([batch[0]!.id, batch[299]!.id]));
      expect(await store.existing([])).toEqual(new Set());
    });

    it('reads by time (newest first, since)', async () => {
      const store = await make();
      await store.put([
        ev(30, ['a', 'b'], 'Order Completed'),
        ev(10, ['a']),
        ev(20, ['c']),
        ev(40, []),
      ]);
      expect((await store.recent(2)).map((e) => e.ts)).toEqual([40, 30]);
      expect((await store.recent(10, 20)).map((e) => e.ts)).toEqual([40, 30, 20]);
      expect((await store.all()).map((e) => e.ts)).toEqual([10, 20, 30, 40]);
    });

    it('prunes by age, then the oldest beyond the count', async () => {
      const store = await make();
      const now = Date.now();
      await store.put([
        ev(now - 200 * DAY),
        ev(now - 181 * DAY),
        ...Array.from({ length: 8 }, (_, i) => ev(now - i)),
      ]);
      const result = await store.prune({ cutoff: now - 180 * DAY, maxEvents: 5 });
      expect(result).toEqual({ removed: 5, left: 5, upTo: now - 5 }); // the newest removed
      expect((await store.all()).map((e) => now - e.ts)).toEqual([4, 3, 2, 1, 0]);
    });

    it('applies retention in the same transaction as a write, when asked', async () => {
      const store = await make();
      const now = Date.now();
      expect(await store.put([ev(now - 200 * DAY), ev(now - 3), ev(now - 2)])).toBeUndefined();
      const rule = { cutoff: now - 180 * DAY, maxEvents: 3 };
      const result = await store.put([ev(now - 1), ev(now), ev(now + 1)], rule);
      expect(result).toEqual({ removed: 3, left: 3, upTo: now - 2 });
      expect((await store.all()).map((e) => e.ts - now)).toEqual([-1, 0, 1]);
    });

    it('keeps counters, meta and state', async () => {
      const store = await make();
      await store.addCounters({ invalid: 2 });
      await store.addCounters({ invalid: 1, dropped: 4 });
      await store.putState('profile', 'state', { a: 1 });
      const meta = await store.meta();
      expect(meta).toMatchObject({
        'count.invalid': 3,
        'count.dropped': 4,
        schemaVersion: SCHEMA_VERSION,
      });
      expect(await store.getState('profile', 'state')).toEqual({ a: 1 });
      expect(await store.allState('profile')).toEqual({ state: { a: 1 } });
    });
  });
}

describe('ingest', () => {
  it('validates, counts invalid events and stores the rest in few transactions', async () => {
    const { store } = await fresh();
    let transactions = 0;
    const put = store.put.bind(store);
    store.put = (events, trim) => (transactions++, put(events, trim));
    const { ingest, reports } = ingestInto(store);
    const now = Date.now();
    for (let i = 0; i < 10; i++) {
      ingest.receive(
        Array.from({ length: 100 }, (_, j) => ({
          id: `id-${i}-${j}`,
          name: 'Product Viewed',
          props: { product_id: `p${j}` },
          ts: now,
        })),
      );
    }
    ingest.receive([{ id: 'bad', name: 'Product Viewed', props: {}, ts: now }]);
    await ingest.flush();
    expect(await store.count()).toBe(1000);
    expect(ingest.counts).toEqual({ stored: 1000, invalid: 1, dropped: 0 });
    expect(transactions).toBeLessThanOrEqual(4);
    expect(reports).toMatchObject([{ code: 'invalid_event', field: 'properties.product_id' }]);
  });

  it('applies retention after writing', async () => {
    const { store } = await fresh();
    const { ingest } = ingestInto(store, { maxAgeDays: 30, maxEvents: 50 });
    const now = Date.now();
    const raw = (i: number, ts: number) => ({ id: `r${i}`, name: 'Custom', props: {}, ts });
    ingest.receive([
      raw(0, now - 31 * DAY),
      ...Array.from({ length: 80 }, (_, i) => raw(i + 1, now - 80 + i)),
    ]);
    await ingest.flush();
    const left = await store.all();
    expect(left).toHaveLength(50);
    expect(left[0]!.id).toBe('r31'); // the 30 oldest recent ones and the expired one are gone
    expect((await store.meta())['count.pruned']).toBe(31);
  });

  it('prunes at the cap in chunks, and trims to maxEvents once the queue is empty', async () => {
    const { store } = await fresh();
    let prunes = 0; // retention runs: alone, or in a batch's own transaction
    const prune = store.prune.bind(store);
    store.prune = (rule) => (prunes++, prune(rule));
    const put = store.put.bind(store);
    store.put = (events, trim) => (trim && prunes++, put(events, trim));
    const { ingest } = ingestInto(store, { maxAgeDays: 30, maxEvents: 1000 });
    const now = Date.now();
    // 10 batches of 500 into a store that reaches the cap after two: slack 500, so a prune
    // every other batch at most, plus the one when the queue empties.
    for (let i = 0; i < 10; i++) {
      ingest.receive(
        Array.from({ length: 500 }, (_, j) => ({
          id: `c${i}-${j}`,
          name: 'Custom',
          props: {},
          ts: now - 5000 + i * 500 + j,
        })),
      );
    }
    await ingest.flush();
    expect(prunes).toBeLessThanOrEqual(7);
    const left = await store.all();
    expect(left).toHaveLength(1000);
    expect(left[0]!.id).toBe('c8-0'); // the newest 1000, in order
    expect((await store.meta())['count.pruned']).toBe(4000);
  });

  it('on QuotaExceededError prunes the oldest and retries, losing none of the new batch', async () => {
    const { store: base } = await fresh();
    const now = Date.now();
    await base.put(Array.from({ length: 100 }, (_, i) => ev(now - 1000 + i)));
    const store = withFaults(base, { quota: 1 });
    const { ingest, reports } = ingestInto(store);
    const batch = Array.from({ length: 20 }, (_, i) => ({
      id: `new${i}`,
      name: 'Custom',
      props: {},
      ts: now + i,
    }));
    ingest.receive(batch);
    await ingest.flush();
    const ids = new Set((await store.all()).map((e) => e.id));
    expect(batch.every((e) => ids.has(e.id))).toBe(true);
    expect(ids.size).toBe(100); // 20 oldest pruned to make room
    expect(ingest.counts.dropped).toBe(0);
    expect(reports).toEqual([]);
  });

  it('reports a batch as dropped, with its code, when quota errors persist', async () => {
    const { store: base } = await fresh();
    const store = withFaults(base, { quota: 10 });
    const { ingest, reports } = ingestInto(store);
    ingest.receive([{ id: 'x', name: 'Custom', props: {}, ts: Date.now() }]);
    await ingest.flush();
    expect(ingest.counts).toMatchObject({ stored: 0, dropped: 1 });
    expect(reports).toMatchObject([{ code: 'quota_exceeded' }]);
    expect((await base.meta())['count.dropped']).toBe(1);
  });
});

describe('ingest pipelining', () => {
  it("queues the next batch's transaction before the current one commits; hands batches on in order", async () => {
    const { store } = await fresh();
    const log: string[] = [];
    const put = store.put.bind(store);
    let n = 0;
    store.put = (events, trim) => {
      const i = ++n;
      log.push(`start ${i}`);
      return put(events, trim).finally(() => log.push(`end ${i}`));
    };
    const { ingest, stored } = ingestInto(store);
    const now = Date.now();
    const raw = Array.from({ length: 3000 }, (_, i) => ({
      id: `q${i}`,
      name: 'Custom',
      props: {},
      ts: now + i,
    }));
    ingest.receive(raw);
    await ingest.flush();
    expect(n).toBe(3);
    expect(log.indexOf('start 2')).toBeLessThan(log.indexOf('end 1')); // two in flight
    expect(log.indexOf('start 3')).toBeGreaterThan(log.indexOf('end 1')); // never three
    expect(stored.flat().map((e) => e.id)).toEqual(raw.map((e) => e.id));
    expect(await store.count()).toBe(3000);
  });

  it('reports a failure in handing a batch on, and still acknowledges the batches after it', async () => {
    const { store } = await fresh();
    const reports: ErrorInfo[] = [];
    const handed: number[] = [];
    const ingest = new Ingest({
      store: () => store,
      retention: () => ({ maxAgeDays: 180, maxEvents: 10_000 }),
      report: (e) => reports.push(e),
      stored: (events) => {
        handed.push(events.length);
        if (handed.length === 1) throw new Error('a service hook broke');
      },
    });
    const now = Date.now();
    ingest.receive(
      Array.from({ length: 2500 }, (_, i) => ({
        id: `h${i}`,
        name: 'Custom',
        props: {},
        ts: now + i,
      })),
    );
    await ingest.settled();
    await ingest.flush();
    expect(handed).toEqual([1000, 1000, 500]);
    expect(reports.map((r) => r.message)).toEqual(['a service hook broke']);
    expect(await store.count()).toBe(2500);
  });
});

describe('ingest acknowledgements and re-sent events', () => {
  const raw = (id: string, ts = Date.now()) => ({
    id,
    name: 'Product Viewed',
    props: { product_id: id },
    ts,
  });

  it('settled() resolves once what was received is stored, without waiting for later batches', async () => {
    const { store } = await fresh();
    const { ingest } = ingestInto(store);
    const a = Array.from({ length: 600 }, (_, i) => raw(`a${i}`));
    ingest.receive(a);
    const first = ingest.settled();
    const order: string[] = [];
    void first.then(() => order.push('first'));
    ingest.receive(Array.from({ length: 600 }, (_, i) => raw(`b${i}`)));
    const second = ingest.settled();
    void second.then(() => order.push('second'));
    await first;
    expect(await store.existing([a[0]!, a[599]!])).toEqual(new Set(['a0', 'a599']));
    await ingest.flush();
    await second;
    expect(order).toEqual(['first', 'second']);
    expect(await store.count()).toBe(1200);
    await expect(ingest.settled()).resolves.toBeUndefined(); // nothing outstanding
  });

  it('settles invalid events at once and dropped ones after their failed write', async () => {
    const { store: base } = await fresh();
    const store = withFaults(base, { quota: 10 });
    const { ingest } = ingestInto(store);
    ingest.receive([{ id: 'bad', name: 'Product Viewed', props: {}, ts: Date.now() }]);
    await expect(ingest.settled()).resolves.toBeUndefined();
    ingest.receive([raw('full')]);
    await ingest.settled();
    expect(ingest.counts).toMatchObject({ invalid: 1, dropped: 1, stored: 0 });
  });

  it('skips re-sent events already stored: neither the store nor the services see them twice', async () => {
    const { store } = await fresh();
    const { ingest, stored } = ingestInto(store);
    const [one, two, three] = [raw('one'), raw('two'), raw('three')];
    ingest.receive([one, two]);
    await ingest.settled();
    ingest.receive([two, three], true); // as a page sends them again: same ids, same times
    await ingest.settled();
    expect(stored.map((batch) => batch.map((e) => e.id))).toEqual([['one', 'two'], ['three']]);
    expect(ingest.counts.stored).toBe(3);
    expect(await store.count()).toBe(3);
    // Not re-sent: written again as sent (same key, so still one copy in the store).
    ingest.receive([three]);
    await ingest.settled();
    expect(await store.count()).toBe(3);
  });
});

describe('writing', () => {
  it('stores none of a batch that holds an event without a valid key', async () => {
    const { store } = await fresh();
    const bad = { ...ev(2), ts: Number.NaN };
    await expect(store.put([ev(1), bad, ev(3)])).rejects.toThrow();
    expect(await store.count()).toBe(0);
    await store.put([ev(4)]); // the store is still usable
    expect(await store.count()).toBe(1);
  });
});

describe('closing', () => {
  it('stays closed: a late write rejects and does not recreate an erased database', async () => {
    const { name, store } = await fresh();
    store.close();
    await deleteDB(name);
    await expect(store.put([ev(1)])).rejects.toThrow('closed');
    await expect(store.putState('profile', 'state', {})).rejects.toThrow('closed');
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});

describe('schema upgrade', () => {
  it('opens a version-1 database written by hand and loses nothing', async () => {
    const name = `v1-${crypto.randomUUID()}`;
    names.push(name);
    // Version 1 as it shipped: events without `items`, a ts index, and meta. Raw IndexedDB.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('events', { keyPath: 'id' }).createIndex('ts', 'ts');
        db.createObjectStore('meta');
      };
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['events', 'meta'], 'readwrite');
        for (let i = 0; i < 50; i++) {
          tx.objectStore('events').put({
            id: `old${i}`,
            name: 'Product Viewed',
            props: { product_id: `p${i % 5}` },
            ts: 1000 + i,
          });
        }
        tx.objectStore('events').put({
          id: 'order',
          name: 'Order Completed',
          props: { products: [{ product_id: 'p1' }, { product_id: 'q' }] },
          ts: 2000,
        });
        tx.objectStore('meta').put(12345, 'createdAt');
        tx.oncomplete = () => (db.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    const store = await openIdbStore(name);
    stores.push(store);
    const all = await store.all();
    expect(all).toHaveLength(51);
    expect(all[0]).toEqual({
      id: 'old0',
      name: 'Product Viewed',
      props: { product_id: 'p0' },
      ts: 1000,
      items: ['p0'],
    });
    const order = all.find((e) => e.id === 'order');
    expect(order?.items).toEqual(['p1', 'q']);
    expect(await store.meta()).toMatchObject({
      createdAt: 12345,
      schemaVersion: SCHEMA_VERSION,
      upgradedFrom: 1,
    });
    const db = await openDB(name);
    expect([...db.objectStoreNames].sort()).toEqual(['events', 'meta', 'model', 'profile']);
    expect(db.transaction('events').store.keyPath).toBeNull(); // chunks under their own key
    expect([...db.transaction('events').store.indexNames]).toEqual([]);
    db.close();
  });

  it('opens a version-2 database, drops its indexes and keeps every event and state', async () => {
    const name = `v2-${crypto.randomUUID()}`;
    names.push(name);
    // Version 2 as it shipped: events with `items` and a multi-entry index on them.
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 2);
      req.onupgradeneeded = () => {
        const db = req.result;
        const events = db.createObjectStore('events', { keyPath: 'id' });
        events.createIndex('ts', 'ts');
        events.createIndex('items', 'items', { multiEntry: true });
        db.createObjectStore('meta');
        db.createObjectStore('profile');
        db.createObjectStore('model');
      };
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['events', 'meta', 'profile'], 'readwrite');
        for (let i = 0; i < 30; i++) tx.objectStore('events').put(ev(1000 + i, [`p${i % 3}`]));
        tx.objectStore('meta').put(2, 'schemaVersion');
        tx.objectStore('meta').put(777, 'createdAt');
        tx.objectStore('profile').put({ folded: 30 }, 'state');
        tx.oncomplete = () => (db.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    const store = await openIdbStore(name);
    stores.push(store);
    const all = await store.all();
    expect(all).toHaveLength(30);
    expect(all[4]).toMatchObject({ ts: 1004, items: ['p1'] });
    expect(await store.getState('profile', 'state')).toEqual({ folded: 30 });
    expect(await store.meta()).toMatchObject({
      createdAt: 777,
      schemaVersion: SCHEMA_VERSION,
      upgradedFrom: 2,
    });
    const db = await openDB(name);
    expect([...db.transaction('events').store.indexNames]).toEqual([]);
    db.close();
  });

  it('opens a version-3 database: events keyed by time, read and pruned by it as before', async () => {
    const name = `v3-${crypto.randomUUID()}`;
    names.push(name);
    // Version 3 as it shipped: events keyed by id, random ids (as before time-ordered ones), a
    // ts index; one record without a ts, which that index never held.
    const now = Date.now();
    const events = Array.from({ length: 40 }, (_, i) => ({
      ...ev(now - 40 + i, [`p${i % 4}`]),
      id: crypto.randomUUID(),
    }));
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 3);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('events', { keyPath: 'id' }).createIndex('ts', 'ts');
        for (const s of ['meta', 'profile', 'model']) db.createObjectStore(s);
      };
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['events', 'meta', 'profile'], 'readwrite');
        for (const e of [...events].reverse()) tx.objectStore('events').put(e);
        tx.objectStore('events').put({ id: 'no-ts', name: 'Custom', props: {}, items: [] });
        tx.objectStore('meta').put(3, 'schemaVersion');
        tx.objectStore('meta').put(5, 'count.pruned');
        tx.objectStore('profile').put({ folded: 40 }, 'state');
        tx.oncomplete = () => (db.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    const store = await openIdbStore(name);
    stores.push(store);
    expect(await store.all()).toEqual(events);
    expect(await store.count()).toBe(40);
    expect(await store.recent(3)).toEqual(events.slice(-3).reverse());
    expect(await store.existing([events[7]!])).toEqual(new Set([events[7]!.id]));
    expect(await store.getState('profile', 'state')).toEqual({ folded: 40 });
    expect(await store.meta()).toMatchObject({
      schemaVersion: SCHEMA_VERSION,
      upgradedFrom: 3,
      'count.pruned': 5,
    });
    const result = await store.prune({ cutoff: now - 30, maxEvents: 25 });
    expect(result).toEqual({ removed: 15, left: 25, upTo: now - 26 });
    expect(await store.all()).toEqual(events.slice(15));
  });

  it('opens a version-4 database: one record per event becomes chunks, nothing lost', async () => {
    const name = `v4-${crypto.randomUUID()}`;
    names.push(name);
    const now = Date.now();
    const events = Array.from({ length: 600 }, (_, i) => ev(now - 600 + i, [`p${i % 5}`]));
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 4);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('events', { keyPath: ['ts', 'id'] });
        for (const s of ['meta', 'profile', 'model']) db.createObjectStore(s);
      };
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction(['events', 'meta'], 'readwrite');
        for (const e of events) tx.objectStore('events').put(e);
        tx.objectStore('meta').put(4, 'schemaVersion');
        tx.oncomplete = () => (db.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    const store = await openIdbStore(name);
    stores.push(store);
    expect(await store.all()).toEqual(events);
    expect(await store.count()).toBe(600);
    expect(await store.recent(300)).toEqual(events.slice(-300).reverse());
    expect(await store.meta()).toMatchObject({ schemaVersion: SCHEMA_VERSION, upgradedFrom: 4 });
    const db = await openDB(name);
    expect(await db.count('events')).toBe(Math.ceil(600 / MERGE_MAX)); // records: chunks
    db.close();
  });
});

describe('chunks', () => {
  const tsOf = (events: StoredEvent[]) => events.map((e) => e.ts);

  it('small batches join the newest chunk; large ones are a chunk each', async () => {
    const { name, store } = await fresh();
    for (let i = 0; i < 40; i++) await store.put([ev(i * 2), ev(i * 2 + 1)]);
    await store.put(Array.from({ length: 1000 }, (_, i) => ev(100 + i)));
    expect(await store.count()).toBe(1080);
    const db = await openDB(name);
    expect(await db.count('events')).toBe(2);
    db.close();
  });

  it.each(['indexeddb', 'memory'])(
    '%s: reads, dedupes and prunes by time across chunks that overlap in time (late events)',
    async (kind) => {
      const store = kind === 'memory' ? new MemoryStore() : (await fresh()).store;
      // Three chunks: 0-99, 200-299, then late events 50-59 and 250-259 (interleaved in time).
      const a = Array.from({ length: 100 }, (_, i) => ev(i));
      const b = Array.from({ length: 100 }, (_, i) => ev(200 + i));
      const late = [...Array.from({ length: 10 }, (_, i) => ev(50.5 + i)), ev(250.5)];
      await store.put(a);
      await store.put(b);
      await store.put(late);
      await store.put([...late, a[3]!, b[7]!]); // re-sent: already stored
      expect(await store.count()).toBe(211);
      const all = await store.all();
      expect(tsOf(all)).toEqual([...tsOf(a), ...tsOf(late), ...tsOf(b)].sort((x, y) => x - y));
      expect(tsOf(await store.recent(5))).toEqual([299, 298, 297, 296, 295]);
      const r = await store.recent(60, 0);
      expect(tsOf(r)).toEqual(tsOf(all).reverse().slice(0, 60));
      expect(tsOf(await store.recent(500, 250))).toEqual(
        tsOf(all.filter((e) => e.ts >= 250)).reverse(),
      );
      expect(await store.existing([late[2]!, { id: 'x', ts: 52 }])).toEqual(new Set([late[2]!.id]));
      // The 105 oldest by time: 0-49, then 50, 50.5, 51, … across two chunks.
      const result = await store.prune({ cutoff: -Infinity, maxEvents: 106 });
      expect(result).toMatchObject({ removed: 105, left: 106, upTo: all[104]!.ts });
      expect(await store.all()).toEqual(all.slice(105));
      // By age: a cutoff inside a chunk keeps that chunk's newer part.
      expect(await store.prune({ cutoff: 260, maxEvents: 1000 })).toEqual({
        removed: 106 - 40,
        left: 40,
        upTo: 259,
      });
      expect(tsOf(await store.all())).toEqual(Array.from({ length: 40 }, (_, i) => 260 + i));
    },
  );
});
