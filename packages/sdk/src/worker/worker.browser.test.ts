import { describe, expect, it } from 'vitest';
import type { ChangeInfo } from '../main/types.ts';
import { testClients } from '../main/test-clients.ts';
import type { InsituConfig } from '../protocol.ts';

const fixture = (name: string) => new URL(`./test-fixtures/${name}`, import.meta.url).href;
const open = testClients('w');

describe('validation through the worker', () => {
  it('reports each class of invalid event with code and field, and disturbs nothing stored', async () => {
    const { c, errors } = open();
    await c.track('Product Viewed', { product_id: 'ok1' });
    await c.track('Order Completed', { products: [{ product_id: 'ok2', price: 5 }] });
    const before = (await c.flush()).total;
    const bad: [string, object, string][] = [
      ['Product Viewed', { product_id: 'p', price: 'free' }, 'properties.price'], // wrong type
      ['Product Added', { name: 'no id' }, 'properties.product_id'], // missing id
      ['Custom', { note: 'x'.repeat(1001) }, 'properties.note'], // string over the cap
      [
        'Custom',
        Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i])),
        'properties',
      ],
      ['Custom', { n: Number.NaN }, 'properties.n'], // non-JSON
      ['Custom', { when: new Date(Number.NaN) }, 'properties.when'], // an Invalid Date
      ['Custom', JSON.parse('{"__proto__": {"x": 1}}') as object, 'properties.__proto__'],
      ['Custom', { constructor: 'x' }, 'properties.constructor'],
      ['', {}, 'name'],
    ];
    for (const [name, props] of bad) await c.track(name, props);
    const stats = await c.flush();
    // Sorted: what cannot cross postMessage (__proto__, the Invalid Date) is refused on the page
    // at once, the rest by the worker's validateEvent a moment later.
    expect(errors.map((e) => `${e.code} ${e.field}`).sort()).toEqual(
      bad.map(([, , field]) => `invalid_event ${field}`).sort(),
    );
    expect(stats).toMatchObject({ invalid: bad.length, stored: 2, total: before });
    const stored = (await c.export()).events;
    expect(stored.map((e) => e.items)).toEqual([['ok1'], ['ok2']]);
    // The stored counter counts both: the page reports what it refused with its next batch.
    expect((await c.export()).meta['count.invalid']).toBe(bad.length);
  });
});

describe('degraded storage', () => {
  it('falls back to page memory when indexedDB.open throws, and says so', async () => {
    const { c, errors } = open({}, { idbOpen: true });
    await c.track('Product Viewed', { product_id: 'p1' });
    expect(await c.flush()).toMatchObject({ storage: 'memory', stored: 1, total: 1 });
    expect(errors.map((e) => e.code)).toEqual(['storage_unavailable']);
    const rec = await c.recommend({ strategy: 'recently-viewed' });
    expect(rec.items.map((r) => r.item.id)).toEqual(['p1']);
  });

  it("ignores faults in a shop's config: only a test entry point sets them", async () => {
    const { c, errors } = open({ faults: { idbOpen: true } } as InsituConfig);
    await c.track('Product Viewed', { product_id: 'p1' });
    expect(await c.flush()).toMatchObject({ storage: 'indexeddb', stored: 1 });
    expect(errors).toEqual([]);
  });

  it('carries on in memory when an old connection in another tab blocks the upgrade', async () => {
    const dbName = `blocked-${crypto.randomUUID()}`;
    // An old version held open by code that ignores versionchange: the upgrade can never run.
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const { c, errors } = open({ dbName });
    await c.track('Product Viewed', { product_id: 'p1' });
    expect(await c.flush()).toMatchObject({ storage: 'memory', stored: 1 });
    expect(errors.map((e) => e.code)).toEqual(['storage_unavailable']);
    expect(errors[0]!.message).toContain('blocked');
    old.close();
  }, 15_000);

  it('survives a quota error by pruning the oldest, through the real worker', async () => {
    const { c, errors } = open({}, { quota: 1 });
    for (let i = 0; i < 30; i++) await c.track('Product Viewed', { product_id: `p${i}` });
    const stats = await c.flush();
    expect(stats).toMatchObject({ stored: 30, dropped: 0, total: 30 });
    expect(errors).toEqual([]);
  });
});

describe('catalog', () => {
  it('reports invalid_catalog with the field, and catalog_load_failed for a missing file', async () => {
    const bad = open({ catalog: fixture('invalid-catalog.json') });
    const missing = open({ catalog: fixture('no-such-catalog.json') });
    await bad.c.recommend({ strategy: 'trending' });
    await missing.c.recommend({ strategy: 'trending' });
    expect(bad.errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_catalog', 'items[1].price'],
    ]);
    expect(missing.errors.map((e) => e.code)).toEqual(['catalog_load_failed']);
  });
});

describe('recommend', () => {
  it('recently-viewed: distinct catalog items, newest first, with explanations', async () => {
    const { c } = open({ catalog: fixture('catalog.json') });
    for (const id of ['tent', 'mug', 'tent', 'shoe', 'unknown'])
      await c.track('Product Viewed', { product_id: id });
    const r = await c.recommend({ strategy: 'recently-viewed', limit: 5 });
    expect(r).toMatchObject({ strategy: 'recently-viewed', source: 'fallback' });
    expect(r.items.map((x) => x.item.id)).toEqual(['shoe', 'tent', 'mug']);
    expect(r.items[0]!.item.title).toBe('Trail shoe');
    expect(r.items[0]!.explanation.kind).toBe('recently-viewed');
  });

  it('trending: local counts first, then the catalog order; other strategies fall back to it', async () => {
    const { c } = open({ catalog: fixture('catalog.json') });
    await c.track('Product Viewed', { product_id: 'cap' });
    await c.track('Product Viewed', { product_id: 'cap' });
    await c.track('Product Viewed', { product_id: 'mug' });
    const r = await c.recommend({ strategy: 'trending', limit: 4 });
    expect(r.items.map((x) => x.item.id)).toEqual(['cap', 'mug', 'tent', 'shoe']); // sock is out of stock
    expect(r.items.map((x) => x.explanation.kind)).toEqual([
      'trending',
      'trending',
      'popular',
      'popular',
    ]);
    const forYou = await c.recommend({ strategy: 'for-you', limit: 2 });
    expect(forYou).toMatchObject({ strategy: 'for-you', source: 'fallback' });
    expect(forYou.items.map((x) => x.item.id)).toEqual(['cap', 'mug']);
  });

  it('gives every answer the catalog items in full, as copies, however many calls overlap', async () => {
    const { c } = open({ catalog: fixture('catalog.json') });
    const catalog = (await (await fetch(fixture('catalog.json'))).json()) as {
      items: { id: string; title: string }[];
    };
    const title = (id: string) => catalog.items.find((i) => i.id === id)!.title;
    await c.track('Product Viewed', { product_id: 'mug' });
    const ask = () => c.recommend({ strategy: 'trending', limit: 4 });
    // Items sent once travel as ids after that: in flight together, and one after another.
    const answers = [...(await Promise.all([ask(), ask(), ask()])), await ask(), await ask()];
    for (const r of answers) {
      expect(r.items.map((x) => x.item.id)).toEqual(answers[0]!.items.map((x) => x.item.id));
      for (const { item } of r.items) {
        expect(item.title).toBe(title(item.id));
        expect(item.categories.length).toBeGreaterThan(0);
      }
    }
    // What the page does to an answer changes no other answer.
    answers[0]!.items[0]!.item.title = 'changed';
    answers[0]!.items[0]!.item.categories.push('changed');
    expect(answers[1]!.items[0]!.item.title).toBe(title(answers[1]!.items[0]!.item.id));
    const next = await ask();
    expect(next.items[0]!.item).toEqual(answers[4]!.items[0]!.item);
    expect(next.items[0]!.item.categories).not.toContain('changed');
  });
});

describe('several clients on one database', () => {
  it('three writers of 1,000 events each store exactly 3,000, and hear about each other', async () => {
    const dbName = `tabs-${crypto.randomUUID()}`;
    const tabs = [0, 1, 2].map(() => open({ dbName }).c);
    const heard: ChangeInfo[] = [];
    tabs[0]!.on('change', (info) => heard.push(info));
    await Promise.all(tabs.map((t) => t.ready()));
    await Promise.all(
      tabs.map(async (t, n) => {
        for (let i = 0; i < 1000; i++)
          void t.track('Product Viewed', { product_id: `t${n}-${i % 50}` });
        return t.flush();
      }),
    );
    const totals = await Promise.all(tabs.map((t) => t.stats()));
    expect(totals.map((s) => s.total)).toEqual([3000, 3000, 3000]);
    expect(totals.map((s) => s.stored)).toEqual([1000, 1000, 1000]);
    const ids = new Set((await tabs[0]!.export()).events.map((e) => e.id));
    expect(ids.size).toBe(3000);
    await expect.poll(() => heard.some((h) => h.source === 'other-tab')).toBe(true);
  });
});
