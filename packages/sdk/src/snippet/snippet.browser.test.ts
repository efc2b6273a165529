import { afterEach, describe, expect, it } from 'vitest';
import { snippet, type InsituStub } from './snippet.ts';
import { install } from '../main/install.ts';
import type { Insitu } from '../main/types.ts';

const installed: Insitu[] = [];
afterEach(async () => {
  await Promise.all(installed.splice(0).map((c) => c.forget().catch(() => undefined)));
  document.querySelectorAll('script[data-test-snippet]').forEach((s) => s.remove());
});

/** A page's window as the snippet sees it; a plain object keeps tests apart. */
const page = () => ({}) as { insitu?: unknown };
const api = (w: { insitu?: unknown }) => w.insitu as Insitu;

describe('snippet', () => {
  it('defines a queue stub whose calls return promises, and loads the runtime as a module', () => {
    const w = page();
    const before = document.head.querySelectorAll('script[type=module]').length;
    snippet(w, document, '/does-not-exist/insitu.js?x', { catalog: '/c.json' });
    const stub = w.insitu as InsituStub;
    const p = api(w).track('Product Viewed', { product_id: 'p1' });
    expect(p).toBeInstanceOf(Promise);
    expect(stub.q.map((c) => [c[0], c[1]])).toEqual([
      ['track', ['Product Viewed', { product_id: 'p1' }]],
    ]);
    expect(stub.c).toEqual({ catalog: '/c.json' });
    const scripts = document.head.querySelectorAll<HTMLScriptElement>('script[type=module]');
    expect(scripts.length).toBe(before + 1);
    const added = scripts[scripts.length - 1]!;
    added.dataset['testSnippet'] = '';
    expect(added.src).toContain('/does-not-exist/insitu.js?x');
    expect(added.async).toBe(true);
  });

  it('is harmless when pasted twice', () => {
    const w = page();
    snippet(w, document, undefined, { dbName: 'a' });
    const first = w.insitu;
    void api(w).track('A');
    snippet(w, document, undefined, { dbName: 'b' });
    expect(w.insitu).toBe(first);
    expect((w.insitu as InsituStub).q).toHaveLength(1);
  });

  it('replays queued calls in order after load and settles every promise', async () => {
    const w = page();
    snippet(w, document, undefined, { dbName: `snip-${crypto.randomUUID()}` });
    const early = api(w);
    const errors: string[] = [];
    const unsubscribe = early.on('error', (e) => errors.push(e.code));
    const tracked = [1, 2, 3].map((i) => early.track('Product Viewed', { product_id: `p${i}` }));
    const bad = early.recommend({ strategy: 'bogus' as 'trending' });
    const flushed = early.flush();
    const ready = early.ready();

    const client = install(w, { dbName: 'ignored: the snippet config wins' })!;
    installed.push(client);
    expect(w.insitu).toBe(client);
    expect(typeof (await unsubscribe)).toBe('function');
    await expect(Promise.all(tracked)).resolves.toEqual([undefined, undefined, undefined]);
    await expect(bad).rejects.toMatchObject({ code: 'invalid_request', field: 'strategy' });
    await expect(ready).resolves.toBeUndefined();
    const stats = await flushed;
    expect(stats).toMatchObject({ stored: 3, storage: 'indexeddb' });
    const data = await client.export();
    expect(data.events.map((e) => e.props['product_id'])).toEqual(['p1', 'p2', 'p3']);
    expect(errors).toEqual(['invalid_request']);
    // Code that kept the stub's method still reaches the client.
    await early.track('Product Viewed', { product_id: 'late' });
    expect((await client.flush()).stored).toBe(4);
    expect(install(w, {})).toBeUndefined(); // a second runtime leaves the first in place
  });

  it('rejects a queued call to an unknown method with invalid_request', async () => {
    const w = page();
    snippet(w, document, undefined, { dbName: `snip-${crypto.randomUUID()}` });
    const stub = w.insitu as InsituStub;
    const settled = new Promise((resolve, reject) => stub.q.push(['nope', [], resolve, reject]));
    installed.push(install(w, {})!);
    await expect(settled).rejects.toMatchObject({ code: 'invalid_request' });
  });
});
