import { afterEach, describe, expect, it } from 'vitest';
import type { RawEvent } from '@insitu/core';
import { createInsitu } from './index.ts';
import { pendingEvents } from './pending.ts';
import type { Insitu } from './types.ts';
import type { InsituConfig } from '../protocol.ts';

const clients: Insitu[] = [];
const open = (config: InsituConfig) => {
  const c = createInsitu(config);
  clients.push(c);
  return c;
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
  delete (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl;
});

const newDb = () => `pending-${crypto.randomUUID()}`;
const saved = (dbName: string) =>
  JSON.parse(localStorage.getItem(`${dbName}:pending`) ?? 'null') as RawEvent[] | null;
/** What the browser does when the shopper navigates away: `pagehide`, synchronously. */
const leave = () => dispatchEvent(new PageTransitionEvent('pagehide'));
const raw = (id: string, ts: number): RawEvent => ({
  id,
  name: 'Product Viewed',
  props: { product_id: id },
  ts,
});

describe('events in flight at pagehide', () => {
  it('are copied to localStorage, and the copy is dropped once the worker confirms', async () => {
    const dbName = newDb();
    const c = open({ dbName });
    await c.ready();
    for (let i = 0; i < 3; i++) await c.track('Product Viewed', { product_id: `p${i}` });
    leave();
    // Posted but not yet confirmed: the copy is there the moment pagehide returns.
    expect(saved(dbName)?.map((e) => e.props)).toEqual([
      { product_id: 'p0' },
      { product_id: 'p1' },
      { product_id: 'p2' },
    ]);
    expect((await c.flush()).total).toBe(3);
    await expect.poll(() => saved(dbName)).toBeNull();
  });

  it('are sent first by the next page, with their ids and times, and stored once', async () => {
    const dbName = newDb();
    const first = open({ dbName });
    await first.track('Product Viewed', { product_id: 'kept' });
    await first.flush();
    const [stored] = (await first.export()).events;
    expect(stored).toBeDefined();
    // A page that died after the write committed but before hearing of it: the copy holds an
    // event already stored, next to two the worker never wrote.
    const old = Date.now() - 5_000;
    const lost = [raw('lost-1', old), raw('lost-2', old + 1)];
    localStorage.setItem(
      `${dbName}:pending`,
      JSON.stringify([
        { id: stored!.id, name: stored!.name, props: stored!.props, ts: stored!.ts },
        ...lost,
      ]),
    );

    const next = open({ dbName });
    expect(saved(dbName)).toBeNull(); // taken at start-up
    await next.track('Product Viewed', { product_id: 'new' });
    const stats = await next.flush();
    expect(stats).toMatchObject({ total: 4, stored: 3 });
    const events = (await next.export()).events;
    expect(events.map((e) => e.id)).toEqual([
      'lost-1',
      'lost-2',
      stored!.id,
      expect.any(String) as unknown as string,
    ]);
    expect(events.slice(0, 2).map((e) => e.ts)).toEqual([old, old + 1]);
  });

  it('are never copied without consent, and a copy left behind is discarded', async () => {
    const required = newDb();
    const c = open({ dbName: required, consent: 'required' });
    await c.track('Product Viewed', { product_id: 'p1' });
    leave();
    expect(saved(required)).toBeNull();

    (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl = true;
    const gpc = newDb();
    const g = open({ dbName: gpc });
    await g.track('Product Viewed', { product_id: 'p1' });
    leave();
    expect(saved(gpc)).toBeNull();

    // A copy from before the shopper refused: not sent, not kept.
    localStorage.setItem(`${gpc}:pending`, JSON.stringify([raw('before', Date.now())]));
    const again = open({ dbName: gpc });
    expect(saved(gpc)).toBeNull();
    expect((await again.flush()).total).toBe(0);
  });

  it('are erased by forget() and by consent(false)', async () => {
    const dbName = newDb();
    const c = open({ dbName });
    await c.track('Product Viewed', { product_id: 'p1' });
    leave();
    expect(saved(dbName)).toHaveLength(1);
    await c.forget();
    expect(saved(dbName)).toBeNull();
    expect(Object.keys(localStorage).filter((k) => k.startsWith(`${dbName}:`))).toEqual([]);

    await c.track('Product Viewed', { product_id: 'p2' });
    leave();
    expect(saved(dbName)).toHaveLength(1);
    await c.consent(false);
    expect(saved(dbName)).toBeNull();
    await c.track('Product Viewed', { product_id: 'p3' });
    leave();
    expect(saved(dbName)).toBeNull();
  });
});

describe('pendingEvents', () => {
  it('lets tabs share the key: each replaces only its own entries', () => {
    const dbName = newDb();
    const [a, b] = [pendingEvents(dbName), pendingEvents(dbName)];
    a.posted([raw('a1', 1)]);
    a.save();
    b.posted([raw('b1', 2), raw('b2', 3)]);
    b.save();
    expect(saved(dbName)?.map((e) => e.id)).toEqual(['a1', 'b1', 'b2']);
    b.confirmed([raw('b1', 2)]);
    expect(saved(dbName)?.map((e) => e.id)).toEqual(['a1', 'b2']);
    a.confirmed([raw('a1', 1)]);
    expect(saved(dbName)?.map((e) => e.id)).toEqual(['b2']);
    expect(
      pendingEvents(dbName)
        .take()
        .map((e) => e.id),
    ).toEqual(['b2']);
    expect(saved(dbName)).toBeNull();
  });

  it('ignores a malformed copy', () => {
    const dbName = newDb();
    localStorage.setItem(`${dbName}:pending`, '{"not":"a list"}');
    expect(pendingEvents(dbName).take()).toEqual([]);
    localStorage.setItem(`${dbName}:pending`, 'not json');
    expect(pendingEvents(dbName).take()).toEqual([]);
    localStorage.removeItem(`${dbName}:pending`);
  });
});
