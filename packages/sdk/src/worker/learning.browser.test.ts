import { describe, expect, it } from 'vitest';
import type { RecommendResult } from '@insitu/core';
import type { Insitu } from '../main/types.ts';
import type { InsituExport, LearningStats } from '../protocol.ts';
import { testClients } from '../main/test-clients.ts';

// The artifact `insitu build` made for the test shop (packages/sdk/test/model-artifact.setup.ts):
// 6 categories of 8 items, p-0…p-7 Tents, p-8…p-15 Shoes, p-16…p-23 Socks, …
const tmp = (path: string) => new URL(`/packages/sdk/.tmp/model-test/${path}`, location.href).href;
const open = testClients('learn', {
  catalog: tmp('catalog.json'),
  model: tmp('model/'),
  learning: { personal: true },
});
const HEAD = 'personal-head';

async function learning(c: Insitu, done: (l: LearningStats) => boolean): Promise<LearningStats> {
  for (let i = 0; i < 600; i++) {
    const l = (await c.stats()).learning;
    if (l !== undefined && done(l)) return l;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no training: ${JSON.stringify((await c.stats()).learning)}`);
}
const ids = (r: RecommendResult) => r.items.map((x) => x.item.id);
const view = (c: Insitu, id: string) => c.track('Product Viewed', { product_id: id });
const show = (c: Insitu, products: string[]) =>
  c.track('Recommendation Shown', {
    strategy: 'for-you',
    products: products.map((product_id) => ({ product_id })),
  });
const tensors = async (c: Insitu) => (await c.stats()).model?.numTensors ?? -1;
const headOf = (e: Omit<InsituExport, 'local'>) =>
  e.model[HEAD] as { offset: number[] } | undefined;

describe('the personal head', () => {
  for (const backend of ['cpu', 'wasm', 'webgl']) {
    it(`trains on ${backend} with flat tensors; export shows it, forget erases it`, async () => {
      const { c, errors } = open({}, { backends: [backend] });
      for (const id of ['p-8', 'p-9', 'p-10']) await view(c, id);
      await c.flush();
      const first = await learning(c, (l) => l.updates > 0);
      expect(first).toMatchObject({ enabled: true, backend, examples: 2 });
      expect(first.stepMs).toBeGreaterThan(0);
      const after = await tensors(c);
      for (const id of ['p-11', 'p-12', 'p-13']) await view(c, id);
      await c.flush();
      const second = await learning(c, (l) => l.updates > first.updates);
      expect(second.examples).toBe(5);
      expect(await tensors(c)).toBe(after);
      const head = headOf(await c.export());
      expect(head?.offset).toHaveLength(32);
      expect(head?.offset.some((x) => x !== 0)).toBe(true);
      await c.forget();
      expect(headOf(await c.export())).toBeUndefined();
      expect(errors).toEqual([]);
    });
  }

  it('moves items like the ones clicked up, and personal: false gives the global order', async () => {
    const { c, errors } = open();
    // Shoes first, then the shopper keeps clicking socks shown to them.
    for (const id of ['p-8', 'p-9']) await view(c, id);
    for (const id of ['p-17', 'p-19', 'p-21']) {
      await show(c, [id, 'p-2', 'p-26']);
      await c.track('Recommendation Clicked', { product_id: id });
    }
    await c.flush();
    await learning(c, (l) => l.updates > 0);
    const ask = (personal: boolean) =>
      c.recommend({
        strategy: 'for-you',
        limit: 40,
        diversity: 0,
        personal,
        rotation: { rate: 0 },
      });
    const socks = (r: RecommendResult) =>
      ids(r)
        .map((id, rank) => (/^p-(1[6-9]|2[0-3])$/.test(id) ? rank : -1))
        .filter((rank) => rank >= 0);
    const global = socks(await ask(false));
    const personal = socks(await ask(true));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(personal)).toBeLessThan(mean(global));
    // Items shown three times and skipped (p-2, p-26) go down with the head, rotation off.
    const rank = (r: RecommendResult, id: string) => ids(r).indexOf(id);
    const [g, p] = [await ask(false), await ask(true)];
    expect(rank(p, 'p-26')).toBeGreaterThanOrEqual(rank(g, 'p-26'));
    expect(errors).toEqual([]);
  });

  it('for-you rotates an item shown three times and skipped; it comes back as rotation decays, or on reset', async () => {
    const { c } = open();
    await view(c, 'p-8');
    const top = async (rotation?: { hours: number }) =>
      ids(
        await c.recommend({
          strategy: 'for-you',
          limit: 3,
          diversity: 0,
          personal: false,
          ...(rotation ? { rotation } : {}),
        }),
      )[0];
    const first = (await top())!;
    for (let i = 0; i < 3; i++) await show(c, [first]);
    expect(await top()).not.toBe(first);
    const fast = { hours: 0.0005 }; // a showing halves every 1.8 s
    expect(await top(fast)).not.toBe(first);
    await new Promise((r) => setTimeout(r, 4500));
    expect(await top(fast)).toBe(first);
    expect(await top()).not.toBe(first);
    await c.resetLearning();
    expect(await top()).toBe(first);
    const l = await learning(c, () => true);
    expect(l.updates).toBe(0);
  });

  it('is reset when the artifact is another build, and is off unless configured', async () => {
    const dbName = `learn-${crypto.randomUUID()}`;
    // A head trained against an older build, left by an earlier page.
    const { c: before } = open({ dbName });
    await before.flush();
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(dbName);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction('model', 'readwrite');
        tx.objectStore('model').put({ artifact: 'an-older-build', offset: [1], updates: 9 }, HEAD);
        tx.oncomplete = () => (req.result.close(), resolve());
      };
    });
    await view(before, 'p-8');
    await before.flush();
    await learning(before, () => true);
    for (let i = 0; i < 50 && headOf(await before.export()) !== undefined; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(headOf(await before.export())).toBeUndefined();
    const { c: off } = open({ learning: { personal: false } });
    for (const id of ['p-8', 'p-9', 'p-10', 'p-11']) await view(off, id);
    await off.flush();
    expect(await learning(off, () => true)).toMatchObject({ enabled: false, updates: 0 });
  });
});
