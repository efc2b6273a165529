import { afterEach, describe, expect, it } from 'vitest';
import { createInsitu } from './index.ts';
import type { Insitu } from './types.ts';
import type { InsituConfig } from '../protocol.ts';
import { SCHEMA_VERSION } from '../worker/store/schema.ts';

const catalog = new URL('../worker/test-fixtures/catalog.json', import.meta.url).href;
const clients: Insitu[] = [];
const open = (config: InsituConfig) => {
  const c = createInsitu(config);
  clients.push(c);
  return c;
};
const newDb = () => `privacy-${crypto.randomUUID()}`;
const dbExists = async (name: string) => (await indexedDB.databases()).some((d) => d.name === name);
const insituCaches = async () => (await caches.keys()).filter((k) => k.startsWith('insitu-'));

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

async function trackSome(c: Insitu, n = 3) {
  for (let i = 0; i < n; i++) await c.track('Product Viewed', { product_id: `p${i}` });
  return c.flush();
}

describe('consent mode "required"', () => {
  it('stores nothing beyond the page before consent(true), then keeps the page’s events', async () => {
    const dbName = newDb();
    const c = open({ dbName, consent: 'required', catalog });
    expect(await trackSome(c)).toMatchObject({ stored: 3, storage: 'memory' });
    await c.recommend({ strategy: 'trending' }); // loads the catalog, which must not be cached yet
    expect(await dbExists(dbName)).toBe(false);
    expect(await insituCaches()).toEqual([]);
    expect(localStorage.getItem(`${dbName}:consent`)).toBeNull();
    expect((await c.export()).events).toHaveLength(3); // page memory is shown, too

    await c.consent(true);
    expect((await c.stats()).storage).toBe('indexeddb');
    expect(await dbExists(dbName)).toBe(true);
    expect(localStorage.getItem(`${dbName}:consent`)).toBe('granted');
    expect((await c.export()).events.map((e) => e.props['product_id'])).toEqual(['p0', 'p1', 'p2']);

    // The next page remembers the decision.
    const next = open({ dbName, consent: 'required' });
    expect((await next.flush()).storage).toBe('indexeddb');
    expect((await next.export()).events).toHaveLength(3);
  });

  it('consent(false) erases what was stored and stops storing, also on the next page', async () => {
    const dbName = newDb();
    const c = open({ dbName });
    expect(await trackSome(c)).toMatchObject({ storage: 'indexeddb', total: 3 });
    await c.consent(false);
    expect(await dbExists(dbName)).toBe(false);
    expect(await trackSome(c, 1)).toMatchObject({ storage: 'memory', total: 1 });
    expect(await dbExists(dbName)).toBe(false);
    const next = open({ dbName });
    expect((await next.flush()).storage).toBe('memory');
  });
});

describe('Global Privacy Control', () => {
  it('is a refusal unless consent(true) is called explicitly', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const dbName = newDb();
    const c = open({ dbName }); // mode "granted" by default, but GPC says no
    expect(await trackSome(c)).toMatchObject({ storage: 'memory' });
    expect(await dbExists(dbName)).toBe(false);
    await c.consent(true);
    expect((await c.flush()).storage).toBe('indexeddb');
    expect(await dbExists(dbName)).toBe(true);
  });
});

describe('export and forget', () => {
  it('export returns everything stored; forget leaves no database, cache or key behind', async () => {
    const dbName = newDb();
    const c = open({ dbName, catalog });
    await trackSome(c, 5);
    await c.recommend({ strategy: 'trending' });
    await c.consent(true);
    const data = await c.export();
    expect(data.events).toHaveLength(5);
    expect(data.storage).toBe('indexeddb');
    expect(data.meta).toMatchObject({ consent: 'granted', schemaVersion: SCHEMA_VERSION });
    expect(data.local).toEqual({ [`${dbName}:consent`]: 'granted' });
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
    expect(await insituCaches()).toEqual(['insitu-catalog']);

    await c.forget();
    expect(await dbExists(dbName)).toBe(false);
    expect(await insituCaches()).toEqual([]);
    expect(Object.keys(localStorage).filter((k) => k.startsWith(dbName))).toEqual([]);
    const after = await c.export();
    expect(after.events).toEqual([]);
    expect(after.profile).toEqual({});
    expect(after.local).toEqual({});
    expect(await dbExists(dbName)).toBe(false); // exporting does not recreate it

    // Tracking again after forget starts a fresh store (consent mode "granted").
    expect(await trackSome(c, 1)).toMatchObject({ storage: 'indexeddb', total: 1 });
  });
});
