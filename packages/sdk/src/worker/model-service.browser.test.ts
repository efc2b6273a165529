import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INTENT_MODEL,
  INTENT_FEATURES,
  purchaseIntent,
  type IntentFeature,
  type IntentModel,
  type RecommendResult,
  type SegmentCentroids,
} from '@insitu/core';
import type { Insitu } from '../main/types.ts';
import type { ModelInfo } from '../protocol.ts';
import { testClients } from '../main/test-clients.ts';

// Built in Node by the real `insitu build` (test/model-artifact.setup.ts, a globalSetup).
// Vite serves the repository root, so the folder has a fixed path on the test server.
const tmp = (path: string) => new URL(`/packages/sdk/.tmp/model-test/${path}`, location.href).href;
const fixture = (name: string) => new URL(`./test-fixtures/${name}`, import.meta.url).href;
interface Expected {
  itemIds: string[];
  expected: { ids: string[]; scores: number[] }[];
}

const open = testClients('m', { catalog: tmp('catalog.json'), model: tmp('model/') });

/** Polls `stats().model` until `done` holds (the backend choice runs in the background). */
async function modelInfo(c: Insitu, done: (m: ModelInfo) => boolean): Promise<ModelInfo> {
  for (let i = 0; i < 600; i++) {
    const m = (await c.stats()).model;
    if (m !== undefined && done(m)) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`model never got there: ${JSON.stringify((await c.stats()).model)}`);
}
const measured = (m: ModelInfo) => m.state === 'failed' || 'cpu' in (m.timings ?? {});
const ids = (r: RecommendResult) => r.items.map((x) => x.item.id);
const view = (c: Insitu, id: string) => c.track('Product Viewed', { product_id: id });

describe('a light first page', () => {
  it('keeps a plain engine and never loads tfjs when it scores this catalog within 1 ms', async () => {
    const { c } = open();
    await view(c, 'p-1');
    const info = await modelInfo(c, (m) => m.timingsFrom !== undefined || m.state === 'failed');
    expect(info).toMatchObject({ state: 'ready', timingsFrom: 'measured' });
    // Plain JS or the SIMD kernel, whichever timed faster: on 48 items that is noise.
    const ms = (b: string) => (typeof info.timings![b] === 'number' ? info.timings![b] : Infinity);
    expect(['js', 'simd']).toContain(info.backend);
    expect(ms(info.backend!)).toBe(Math.min(ms('js'), ms('simd')));
    expect(ms(info.backend!)).toBeLessThanOrEqual(1);
    expect(String(info.timings!['tfjs'])).toMatch(/^not loaded/);
    expect(info.timings!['wasm']).toBeUndefined();
    const r = await c.recommend({ strategy: 'for-you', limit: 5 });
    expect(r).toMatchObject({ source: 'model', backend: info.backend });
  });

  it('fetches only the manifest and popularity until the shopper acts, then the rest', async () => {
    const { c, errors } = open();
    await c.ready();
    const cached = async () =>
      (await (await caches.open('insitu-model')).keys()).map((r) => r.url.split('/').pop());
    // Trending from the artifact's popularity, before the rest of it has loaded.
    let trending = await c.recommend({ strategy: 'trending', limit: 5 });
    for (let i = 0; i < 50 && trending.source !== 'model'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      trending = await c.recommend({ strategy: 'trending', limit: 5 });
    }
    expect(trending).toMatchObject({ source: 'model', backend: 'js' });
    expect((await cached()).sort()).toEqual(['popularity.bin']);
    expect((await c.stats()).model?.state).toBe('loading');
    await view(c, 'p-1');
    const info = await modelInfo(c, (m) => m.state !== 'loading');
    expect(info.state).toBe('ready');
    expect(await cached()).toEqual(expect.arrayContaining(['embeddings.bin', 'neighbours.bin']));
    expect(errors).toEqual([]);
  });
});

describe('model artifact round trip', () => {
  it('scores in the worker exactly as Node does, on the backend it measured fastest', async () => {
    // Naming the candidates loads tfjs even where plain JS is fast enough (this shop: 48 items).
    const { c, errors } = open({}, { backends: ['webgl', 'wasm', 'cpu'] });
    const ref = (await (await fetch(tmp('expected.json'))).json()) as Expected;
    const catalog = (await (await fetch(tmp('catalog.json'))).json()) as {
      items: { id: string; inStock: boolean }[];
    };
    const info = await modelInfo(c, measured);
    expect(info).toMatchObject({
      state: 'ready',
      items: 48,
      kind: 'sequence',
      cache: 'miss',
      timingsFrom: 'measured',
    });
    for (const b of ['webgl', 'wasm', 'cpu', 'js']) expect(typeof info.timings![b]).toBe('number');
    const fastest = ['webgl', 'wasm', 'cpu'].sort(
      (a, b) => (info.timings![a] as number) - (info.timings![b] as number),
    )[0];
    expect(info.backend).toBe(fastest);
    for (const { ids: history, scores } of ref.expected) {
      await c.forget();
      for (const id of history) await view(c, id);
      const r = await c.recommend({ strategy: 'for-you', limit: 10, diversity: 0 });
      expect(r).toMatchObject({ source: 'model', backend: fastest });
      // rankItems min-max normalises the model source over the eligible (unseen, in stock) items.
      const eligible = catalog.items
        .map((item, i) => ({ id: item.id, s: scores[i]!, ok: item.inStock }))
        .filter((x) => x.ok && !history.includes(x.id));
      const lo = Math.min(...eligible.map((x) => x.s));
      const hi = Math.max(...eligible.map((x) => x.s));
      const want = new Map(eligible.map((x) => [x.id, (x.s - lo) / (hi - lo)]));
      expect(r.items).toHaveLength(10);
      for (const item of r.items) expect(item.score).toBeCloseTo(want.get(item.item.id)!, 4);
      const best = [...want.values()].sort((a, b) => b - a).slice(0, 10);
      r.items.forEach((item, k) => expect(item.score).toBeCloseTo(best[k]!, 4));
    }
    expect(errors).toEqual([]);
  });

  it('reuses the cached files while the manifest is unchanged, re-fetches after a rebuild', async () => {
    const tfjs = { backends: ['webgl', 'wasm', 'cpu'] };
    const first = open({}, tfjs);
    await modelInfo(first.c, (m) => m.state !== 'loading');
    expect(await caches.has('insitu-model')).toBe(true);
    const chosen = (await modelInfo(first.c, measured)).backend;
    const second = open({}, tfjs);
    // Same artifact on the same device: the files and the backend measurement are reused.
    expect(await modelInfo(second.c, (m) => m.timingsFrom !== undefined)).toMatchObject({
      state: 'ready',
      cache: 'hit',
      timingsFrom: 'cache',
      backend: chosen,
    });
    // A different cached manifest stands for an older build: everything is fetched afresh.
    const cache = await caches.open('insitu-model');
    await cache.put(tmp('model/manifest.json'), new Response('{"old":true}'));
    const third = open({}, tfjs);
    expect(await modelInfo(third.c, measured)).toMatchObject({
      state: 'ready',
      cache: 'updated',
      timingsFrom: 'measured',
    });
    await third.c.forget();
    expect(await caches.has('insitu-model')).toBe(false);
  });

  it('refuses an artifact built for another catalog and falls back to trending', async () => {
    const { c, errors } = open({ catalog: fixture('catalog.json') });
    const info = await modelInfo(c, (m) => m.state !== 'loading');
    expect(info).toMatchObject({ state: 'failed', error: { code: 'artifact_mismatch' } });
    expect(errors.map((e) => e.code)).toEqual(['artifact_mismatch']);
    const r = await c.recommend({ strategy: 'for-you' });
    expect(r.source).toBe('fallback');
    expect(r.items.length).toBeGreaterThan(0);
  });
});

describe('backends', () => {
  it('falls back to wasm/cpu when WebGL is unavailable, and keeps tensors flat over 100 calls', async () => {
    const { c } = open({}, { webgl: false });
    const info = await modelInfo(c, measured);
    expect(String(info.timings!['webgl'])).toMatch(/^unavailable/);
    expect(['wasm', 'cpu']).toContain(info.backend);
    await view(c, 'p-8');
    const before = (await c.stats()).model!.numTensors!;
    expect(before).toBeGreaterThan(0); // the item table lives on the backend
    for (let i = 0; i < 100; i++) {
      const strategy = (['for-you', 'similar-items', 'bought-together'] as const)[i % 3];
      await c.recommend({ strategy, limit: 4 });
    }
    expect((await c.stats()).model!.numTensors).toBe(before);
  });

  it('survives losing the WebGL context: moves to the next backend and answers the same', async () => {
    // WebGL alone is a candidate, so it is in use however slow SwiftShader is; plain JS is last.
    const { c } = open({}, { backends: ['webgl'], loseContextAfter: 3 });
    expect(await modelInfo(c, (m) => m.backend === 'webgl')).toMatchObject({ failures: [] });
    await view(c, 'p-8');
    await view(c, 'p-9');
    const request = { strategy: 'for-you', limit: 6, diversity: 0 } as const;
    const before = await c.recommend(request);
    expect(before.backend).toBe('webgl');
    // Asked again, for-you would reuse its scores; similar-items dots for each new anchor.
    const similar = { strategy: 'similar-items', limit: 6, diversity: 0 } as const;
    await c.recommend({ ...similar, itemId: 'p-8' }); // the 2nd WebGL call
    const lost = await c.recommend({ ...similar, itemId: 'p-9' }); // the 3rd loses the context
    expect(lost.backend).toBe('js');
    expect(lost.items).toHaveLength(6);
    // Its last scores came from WebGL, so for-you scores again, with plain JS.
    const after = await c.recommend(request);
    expect(after.backend).toBe('js');
    expect(ids(after)).toEqual(ids(before));
    after.items.forEach((item, k) => expect(item.score).toBeCloseTo(before.items[k]!.score, 4));
    const info = (await c.stats()).model!;
    expect(info.failures).toEqual(['webgl: WebGL context lost']);
    expect(info.backend).toBe('js');
  });
});

describe('model strategies through the worker', () => {
  it('cold start: trending in the page category, never random; one view personalises', async () => {
    const { c } = open();
    await modelInfo(c, (m) => m.state === 'ready');
    const cold = await c.recommend({
      strategy: 'for-you',
      limit: 4,
      context: { category: 'Lamps' },
    });
    expect(cold.source).toBe('model');
    expect(cold.items.map((x) => x.item.categories[1])).toEqual([
      'Lamps',
      'Lamps',
      'Lamps',
      'Lamps',
    ]);
    expect(cold.items[0]!.explanation).toMatchObject({ kind: 'trending', category: 'Lamps' });
    const again = await c.recommend({
      strategy: 'for-you',
      limit: 4,
      context: { category: 'Lamps' },
    });
    expect(ids(again)).toEqual(ids(cold));
    // Trending ranks the shop's decayed popularity from the artifact, like a cold for-you.
    const trending = await c.recommend({
      strategy: 'trending',
      limit: 4,
      context: { category: 'Lamps' },
    });
    expect(trending.source).toBe('model');
    expect(ids(trending)).toEqual(ids(cold));
    await view(c, 'p-17'); // Socks
    const warm = await c.recommend({
      strategy: 'for-you',
      limit: 3,
      context: { category: 'Lamps' },
    });
    expect(warm.items.map((x) => x.item.categories[1])).toContain('Socks');
    expect(ids(warm)).not.toContain('p-17');
    const socks = warm.items.find((x) => x.item.categories[1] === 'Socks')!;
    expect(socks.explanation).toMatchObject({ kind: 'because-viewed', sourceItemId: 'p-17' });
    expect(socks.explanation.text).toBe('Because you viewed Socks 17');
  });

  it('similar-items and bought-together answer around an anchor, with filters and exclusions', async () => {
    const { c } = open();
    await modelInfo(c, (m) => m.state === 'ready');
    const similar = await c.recommend({ strategy: 'similar-items', itemId: 'p-25', limit: 4 });
    expect(similar.source).toBe('model');
    expect(ids(similar)).not.toContain('p-25');
    expect(similar.items[0]!.item.categories[1]).toBe('Lamps');
    expect(similar.items[0]!.explanation).toEqual({
      kind: 'similar',
      text: 'Similar to Lamps 25',
      sourceItemId: 'p-25',
    });
    const cheap = await c.recommend({
      strategy: 'similar-items',
      itemId: 'p-25',
      limit: 8,
      filter: { maxPrice: 20 },
      exclude: { ids: ['p-24'] },
    });
    expect(cheap.items.length).toBeGreaterThan(0);
    for (const x of cheap.items) expect(x.item.price).toBeLessThanOrEqual(20);
    expect(ids(cheap)).not.toContain('p-24');
    // Cart: complete the order with what is bought with the cart items, never the cart itself.
    await c.track('Product Added', { product_id: 'p-33' });
    await c.track('Product Added', { product_id: 'p-34' });
    const together = await c.recommend({ strategy: 'bought-together', limit: 3 });
    expect(ids(together)).not.toContain('p-33');
    expect(ids(together)).not.toContain('p-34');
    expect(together.items[0]!.item.categories[1]).toBe('Stoves');
    expect(together.items[0]!.explanation.kind).toBe('bought-together');
    expect(together.items[0]!.explanation.text).toMatch(/^Bought together with Stoves 3[34]$/);
    await c.track('Order Completed', {
      products: [{ product_id: 'p-33' }, { product_id: 'p-34' }],
    });
    const bought = await c.recommend({ strategy: 'similar-items', itemId: 'p-35', limit: 10 });
    expect(ids(bought)).not.toContain('p-33');
  });

  it('the profile uses the artifact segment centroids and fitted intent weights', async () => {
    const centroids = (await (await fetch(tmp('model/centroids.json'))).json()) as SegmentCentroids;
    const intent = (await (await fetch(tmp('model/intent.json'))).json()) as IntentModel & {
      fitted: boolean;
    };
    expect(intent.fitted).toBe(true);
    const { c } = open();
    await view(c, 'p-8');
    await modelInfo(c, (m) => m.state !== 'loading');
    const profile = await c.profile();
    const cluster = profile.segments.find((s) => s.kind === 'cluster');
    expect(centroids.centroids.map((x) => x.id)).toContain(cluster?.id);
    // One view in a fresh session: every intent input is 0 but views = log(1 + 1).
    const x = Object.fromEntries(INTENT_FEATURES.map((f) => [f, 0])) as Record<
      IntentFeature,
      number
    >;
    x.views = Math.log1p(1);
    expect(profile.intent.purchase).toBeCloseTo(purchaseIntent(x, intent), 3);
    expect(purchaseIntent(x, intent)).not.toBeCloseTo(purchaseIntent(x, DEFAULT_INTENT_MODEL), 3);
  });

  it('serves recently-viewed and trending without waiting for the model', async () => {
    const { c } = open({ model: tmp('missing/') });
    await view(c, 'p-1');
    expect(ids(await c.recommend({ strategy: 'recently-viewed' }))).toEqual(['p-1']);
    const r = await c.recommend({ strategy: 'for-you', limit: 2 });
    expect(r.source).toBe('fallback');
    const trending = await c.recommend({ strategy: 'trending', limit: 2 });
    expect(trending.source).toBe('fallback');
    expect(trending.items.length).toBe(2);
    expect((await c.stats()).model).toMatchObject({
      state: 'failed',
      error: { code: 'model_load_failed' },
    });
  });
});
