import { describe, expect, it } from 'vitest';
import { InsituError } from '@insitu/core';
import { testClients } from './test-clients.ts';

const catalog = new URL('../worker/test-fixtures/catalog.json', import.meta.url).href;
const client = testClients('bad', { catalog });

/** The InsituError a promise rejects with (fails if it resolves). */
async function rejection(p: Promise<unknown>): Promise<InsituError> {
  const e = await p.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(InsituError);
  return e as InsituError;
}

describe('track() refuses what cannot be posted or stored, alone', () => {
  it('keeps the valid events of the same batch and names each bad field', async () => {
    const { c, errors } = client();
    const cyclic: Record<string, unknown> = { product_id: 'p3' };
    cyclic['self'] = cyclic;
    const bad: [unknown, unknown][] = [
      [Symbol('x'), {}],
      [() => 1, {}],
      [42, {}],
      ['Custom', { n: 10n }],
      ['Order Completed', { products: [{ product_id: 'a' }, {}, { product_id: 'c', price: 1n }] }],
      ['Order Completed', { products: [{ sku: 'no id' }] }],
      ['Custom', { s: Symbol('s') }],
      ['Custom', cyclic],
      ['Custom', { m: new Map() }],
      ['Custom', { node: document.body }],
      ['Custom', new Set()],
    ];
    await c.track('Product Viewed', { product_id: 'p1' });
    for (const [name, props] of bad) await c.track(name as string, props as object);
    await c.track('Product Viewed', { product_id: 'p2', at: new Date(0) });
    const stats = await c.flush();
    expect(stats).toMatchObject({ stored: 2, invalid: bad.length, dropped: 0 });
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_event', 'name'],
      ['invalid_event', 'name'],
      ['invalid_event', 'name'],
      ['invalid_event', 'properties.n'],
      ['invalid_event', 'properties.products[2].price'],
      ['invalid_event', 'properties.s'],
      ['invalid_event', 'properties.self.self.self.self.product_id'], // a cycle, by the depth rule
      ['invalid_event', 'properties.m'],
      ['invalid_event', 'properties.node'],
      ['invalid_event', 'properties'],
      // The worker's validateEvent, later: a missing product_id can cross postMessage.
      ['invalid_event', 'properties.products[0].product_id'],
    ]);
    const events = (await c.export()).events;
    expect(events.map((e) => e.props)).toEqual([
      { product_id: 'p1' },
      { product_id: 'p2', at: new Date(0).toISOString() },
    ]);
  });

  it('stores Segment’s own Product Reviewed example (rating as a String)', async () => {
    const { c, errors } = client();
    await c.track('Product Reviewed', { product_id: 'p1', review_body: 'Lovely', rating: '5' });
    expect(await c.flush()).toMatchObject({ stored: 1, invalid: 0 });
    expect(errors).toEqual([]);
  });
});

describe('every other method checks its arguments', () => {
  it('consent() with anything but true or false changes nothing', async () => {
    const { c, errors } = client();
    await c.track('Product Viewed', { product_id: 'p1' });
    await c.flush();
    for (const junk of ['true', 1, 'yes', {}, null, undefined, 0, '']) {
      const e = await rejection(c.consent(junk as boolean));
      expect([e.code, e.field]).toEqual(['invalid_request', 'granted']);
    }
    expect((await c.export()).events).toHaveLength(1);
    expect((await c.stats()).storage).toBe('indexeddb');
    expect(errors.every((e) => e.code === 'invalid_request')).toBe(true);
  });

  it('recommend() names the bad field and never answers internal', async () => {
    const { c } = client();
    const cases: [unknown, string][] = [
      [{ strategy: 'trending', filter: { categories: 5 } }, 'filter.categories'],
      [{ strategy: 'trending', filter: { minPrice: 'x' } }, 'filter.minPrice'],
      [{ strategy: 'trending', limit: 0 }, 'limit'],
      [{ strategy: 'nope' }, 'strategy'],
      [{ strategy: 'similar-items', itemId: () => 1 }, 'itemId'],
      [{ strategy: 'trending', diversity: 'lots' }, 'diversity'],
      [{ strategy: 'trending', exclude: { ids: [Symbol('a')] } }, 'exclude.ids[0]'],
      [{ strategy: 'trending', context: { category: 7n } }, 'context.category'],
      [{ strategy: 'trending', onDone: () => 1 }, 'onDone'],
      [undefined, 'request'],
    ];
    for (const [request, field] of cases) {
      const e = await rejection(c.recommend(request as never));
      expect([e.code, e.field]).toEqual(['invalid_request', field]);
    }
    const ok = await c.recommend({ strategy: 'trending', filter: { categories: ['running'] } });
    expect(ok.strategy).toBe('trending');
  });

  it('on() with a bad type or handler returns a no-op and reports', async () => {
    const { c, errors } = client();
    for (const [type, fn] of [
      ['toString', () => 1],
      ['__proto__', () => 1],
      [Symbol('e'), () => 1],
      ['error', 'not a function'],
    ] as const) {
      const off = c.on(type as 'error', fn as () => void);
      expect(off()).toBeUndefined();
    }
    await c.ready();
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_request', 'type'],
      ['invalid_request', 'type'],
      ['invalid_request', 'type'],
      ['invalid_request', 'fn'],
    ]);
  });

  it('methods without parameters refuse arguments; forget(junk) erases nothing', async () => {
    const { c } = client();
    await c.track('Product Viewed', { product_id: 'p1' });
    const call = c as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    for (const method of [
      'profile',
      'audiences',
      'export',
      'forget',
      'resetLearning',
      'ready',
      'flush',
      'stats',
    ]) {
      const e = await rejection(call[method]!({ junk: true }));
      expect([method, e.code, e.field]).toEqual([method, 'invalid_request', 'arguments']);
    }
    await c.flush(undefined as never);
    expect((await c.export()).events).toHaveLength(1);
  });
});
