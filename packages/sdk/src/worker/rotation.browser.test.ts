import { describe, expect, it } from 'vitest';
import { testClients } from '../main/test-clients.ts';

const catalog = new URL('./test-fixtures/catalog.json', import.meta.url).href;
const open = testClients('rot', { catalog });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('rotation in the worker', () => {
  it('an item shown three times without engagement leaves the top, and comes back as it decays', async () => {
    const { c } = open();
    const top = async (rotation?: { hours: number }) =>
      (await c.recommend({ strategy: 'trending', limit: 3, ...(rotation ? { rotation } : {}) }))
        .items[0]!.item.id;
    expect(await top()).toBe('tent');
    for (let i = 0; i < 3; i++) {
      await c.track('Recommendation Shown', {
        strategy: 'trending',
        products: [{ product_id: 'tent' }],
      });
    }
    expect(await top()).toBe('mug');
    const fast = { hours: 0.0005 }; // a showing halves every 1.8 s
    expect(await top(fast)).toBe('mug');
    await sleep(4500);
    expect(await top(fast)).toBe('tent');
    // Off when asked, and a click clears the showings for good.
    expect(
      (await c.recommend({ strategy: 'trending', rotation: { rate: 0 } })).items[0]!.item.id,
    ).toBe('tent');
    await c.track('Recommendation Clicked', { product_id: 'tent' });
    expect(await top()).toBe('tent');
  });
});
