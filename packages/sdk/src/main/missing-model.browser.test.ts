import { afterEach, describe, expect, it } from 'vitest';
import type { InsituError } from '@insitu/core';
import { createInsitu } from './index.ts';
import type { Insitu } from './types.ts';

// The default snippet points at /insitu/model/; a shop that has not built a model has no such
// folder. That must cost one clear report, not a broken page or a report per call.
const catalog = new URL('../worker/test-fixtures/catalog.json', import.meta.url).href;
const missing = new URL('../worker/test-fixtures/no-model-here/', import.meta.url).href;
const clients: Insitu[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.forget().catch(() => undefined)));
});

describe('a configured model folder that does not exist', () => {
  it('reports model_load_failed once and answers every strategy from the fallback', async () => {
    const c = createInsitu({ dbName: `nm-${crypto.randomUUID()}`, catalog, model: missing });
    clients.push(c);
    const errors: InsituError[] = [];
    c.on('error', (e) => errors.push(e));
    await c.track('Product Viewed', { product_id: 'shoe' });
    expect((await c.recommend({ strategy: 'recently-viewed' })).items[0]?.item.id).toBe('shoe');
    for (const strategy of ['for-you', 'similar-items', 'bought-together'] as const) {
      const r = await c.recommend({ strategy, itemId: 'shoe', limit: 3 });
      expect(r.source).toBe('fallback');
      expect(r.items.length).toBeGreaterThan(0);
    }
    expect((await c.stats()).model).toMatchObject({
      state: 'failed',
      error: { code: 'model_load_failed' },
    });
    expect(errors.map((e) => e.code)).toEqual(['model_load_failed']);
    expect(errors[0]?.message).toContain('no-model-here/manifest.json');
  });
});
