import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { buildSnippet } from '../../build/snippet-build.ts';

describe('built snippet (dist/snippet.min.js)', () => {
  it('fits the 1 KB gzip budget', async () => {
    const code = await buildSnippet();
    expect(gzipSync(code).length).toBeLessThanOrEqual(1024);
  });

  it('by default loads /insitu/insitu.js with the catalog and model next to it', async () => {
    const appended: Record<string, unknown>[] = [];
    const document = {
      createElement: (tag: string) => ({ tag }),
      head: { appendChild: (el: Record<string, unknown>) => appended.push(el) },
    };
    const window: Record<string, unknown> = {};
    runInNewContext(await buildSnippet(), { window, document, Promise });
    expect(appended[0]).toMatchObject({ src: '/insitu/insitu.js' });
    expect((window['insitu'] as { c: unknown }).c).toEqual({
      catalog: '/insitu/catalog.json',
      model: '/insitu/model/',
    });
  });

  it('runs as a classic script: stub, queue, async module script with the given src and config', async () => {
    const code = await buildSnippet({
      src: '/shop/insitu.js',
      config: { catalog: '/shop/catalog.json', debug: true },
    });
    const appended: Record<string, unknown>[] = [];
    const document = {
      createElement: (tag: string) => ({ tag }),
      head: { appendChild: (el: Record<string, unknown>) => appended.push(el) },
    };
    const window: Record<string, unknown> = {};
    runInNewContext(code, { window, document, Promise });
    runInNewContext(code, { window, document, Promise }); // pasted twice
    expect(appended).toEqual([
      { tag: 'script', type: 'module', async: true, src: '/shop/insitu.js' },
    ]);
    const stub = window['insitu'] as {
      q: unknown[][];
      c: unknown;
      track: (...a: unknown[]) => Promise<void>;
    };
    expect(stub.c).toEqual({ catalog: '/shop/catalog.json', debug: true });
    const p = stub.track('Product Viewed', { product_id: 'p1' });
    expect(p).toBeInstanceOf(Promise);
    expect(stub.q[0]!.slice(0, 2)).toEqual(['track', ['Product Viewed', { product_id: 'p1' }]]);
  });
});
