import { afterEach, describe, expect, it } from 'vitest';
import type { InsituError } from '@insitu/core';
import { SCHEMA_VERSION } from '../worker/store/schema.ts';
import { createInsitu } from './index.ts';
import type { Insitu } from './types.ts';

const clients: Insitu[] = [];
function client(config: Parameters<typeof createInsitu>[0] = {}) {
  const c = createInsitu({ dbName: `t-${crypto.randomUUID()}`, ...config });
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
});

const viewed = (id: string, extra: object = {}) =>
  ['Product Viewed', { product_id: id, ...extra }] as const;

describe('client → worker → IndexedDB', () => {
  it('stores tracked events with id, ts and items, in IndexedDB', async () => {
    const c = client();
    const before = Date.now();
    await c.track(...viewed('p1', { price: 10 }));
    await c.track('Order Completed', {
      order_id: 'o1',
      products: [{ product_id: 'p1' }, { product_id: 'p2' }],
    });
    const stats = await c.flush();
    expect(stats).toMatchObject({
      stored: 2,
      invalid: 0,
      dropped: 0,
      total: 2,
      storage: 'indexeddb',
    });
    const data = await c.export();
    expect(data.events.map((e) => e.name)).toEqual(['Product Viewed', 'Order Completed']);
    const order = data.events[1]!;
    expect(order.items.sort()).toEqual(['p1', 'p2']);
    // <time µs, base 36>-<128 random bits of this page>-<counter>: sorts by time, unique.
    expect(order.id).toMatch(/^[0-9a-z]{11}-[0-9a-f]{32}-[0-9a-z]+$/);
    const first = data.events[0]!;
    expect(first.id < order.id).toBe(true);
    expect(first.id.slice(11, 45)).toBe(order.id.slice(11, 45)); // one page, one prefix
    expect(order.ts).toBeGreaterThanOrEqual(before);
    expect(data.meta['schemaVersion']).toBe(SCHEMA_VERSION);
  });

  it('track() resolves before anything is stored', async () => {
    const c = client();
    await c.ready();
    let stored = false;
    const off = c.on('change', () => (stored = true));
    await c.track(...viewed('p1'));
    expect(stored).toBe(false);
    await c.flush();
    await expect.poll(() => stored).toBe(true);
    off();
  });

  it('reports ready to late subscribers and lets them unsubscribe', async () => {
    const c = client();
    await c.ready();
    let calls = 0;
    const off = c.on('ready', () => calls++);
    await Promise.resolve();
    expect(calls).toBe(1);
    off();
  });

  it('keeps the error code across the worker boundary on rejections', async () => {
    const c = client();
    const errors: InsituError[] = [];
    c.on('error', (e) => errors.push(e));
    await expect(c.recommend({ strategy: 'nope' as 'trending' })).rejects.toMatchObject({
      name: 'InsituError',
      code: 'invalid_request',
      field: 'strategy',
    });
    expect(errors.map((e) => e.code)).toEqual(['invalid_request']);
  });

  it('rejects values that cannot be copied without throwing into the page', async () => {
    const c = client();
    const errors: InsituError[] = [];
    c.on('error', (e) => errors.push(e));
    await c.track('Custom', { fn: () => 1 });
    const stats = await c.flush();
    expect(errors[0]).toMatchObject({ code: 'invalid_event', field: 'properties.fn' });
    expect(stats).toMatchObject({ invalid: 1, stored: 0 });
  });
});

describe('config', () => {
  it('reports a bad consent mode and falls back to the stricter "required"', async () => {
    const errors: InsituError[] = [];
    const c = client({ consent: 'maybe' as 'granted', maxEvents: -1 });
    c.on('error', (e) => errors.push(e));
    await c.track('Product Viewed', { product_id: 'p1' });
    expect((await c.flush()).storage).toBe('memory');
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_config', 'consent'],
      ['invalid_config', 'maxEvents'],
    ]);
  });
});

describe('without a worker', () => {
  const RealWorker = window.Worker;
  afterEach(() => {
    window.Worker = RealWorker;
  });

  async function expectDegraded(c: Insitu, errors: InsituError[]) {
    await expect(c.ready()).rejects.toMatchObject({ code: 'worker_unavailable' });
    await expect(c.track('Product Viewed', { product_id: 'p1' })).resolves.toBeUndefined();
    await expect(c.recommend({ strategy: 'trending' })).rejects.toMatchObject({
      code: 'worker_unavailable',
    });
    await expect(c.flush()).rejects.toMatchObject({ code: 'worker_unavailable' });
    expect(errors.map((e) => e.code)).toEqual(['worker_unavailable']);
  }

  it('degrades to clear errors when the Worker constructor throws (e.g. CSP)', async () => {
    window.Worker = function () {
      throw new DOMException('Refused by Content-Security-Policy', 'SecurityError');
    } as unknown as typeof Worker;
    const errors: InsituError[] = [];
    const c = createInsitu({ dbName: `t-${crypto.randomUUID()}` });
    c.on('error', (e) => errors.push(e));
    await expectDegraded(c, errors);
  });

  it('settles every call when the worker script fails to load', async () => {
    window.Worker = class extends RealWorker {
      constructor(_url: string | URL, options?: WorkerOptions) {
        super('/no-such-insitu-worker.js', options);
      }
    };
    const errors: InsituError[] = [];
    const c = createInsitu({ dbName: `t-${crypto.randomUUID()}` });
    c.on('error', (e) => errors.push(e));
    await expectDegraded(c, errors);
  });
});
