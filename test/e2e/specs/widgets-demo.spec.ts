import assert from 'node:assert/strict';
import type { E2ESpec } from '../harness.ts';
import { VIEWPORTS, axeViolations, shot } from '../widget-checks.ts';

/**
 * The SDK's elements inside the demo shop, at 1280 and 390 px: the Trending carousel, the promo
 * banners and the privacy centre in the "On this device" drawer. axe checks the elements only
 * (the demo page around them is not the SDK's).
 */
export const widgetsDemo: E2ESpec = {
  name: 'widgets in the demo: Trending carousel, promo, privacy centre at 1280 and 390 px',
  async run({ context, artifacts }) {
    for (const vp of VIEWPORTS) {
      const ctx = await context();
      const page = await ctx.newPage();
      await page.setViewportSize(vp);
      // Views, a cart and a checkout: the shopper is ready to buy, so that audience's promo shows.
      await page.goto('/category.html#Running');
      const ids = await page.$$eval('.grid a.card', (els) =>
        els.slice(0, 4).map((e) => e.getAttribute('data-product-id') ?? ''),
      );
      await page.evaluate(async (list) => {
        for (const id of list) void window.insitu.track('Product Viewed', { product_id: id });
        void window.insitu.track('Product Added', { product_id: list[0], quantity: 1 });
        void window.insitu.track('Checkout Started', { products: [{ product_id: list[0] }] });
        await window.insitu.flush();
      }, ids);
      await page.goto('/');
      const trending = page.locator('#widget-trending[data-state="filled"]');
      await trending.waitFor({ timeout: 15_000 });
      await trending.scrollIntoViewIfNeeded();
      await shot(trending, artifacts, `demo-recommendations-${vp.name}`);
      const promos = page.locator('insitu-promo[data-state="shown"]');
      await page.locator('insitu-promo[data-state]').first().waitFor({ state: 'attached' });
      if ((await promos.count()) > 0)
        await shot(promos.first(), artifacts, `demo-promo-${vp.name}`);
      await page.click('#panel-toggle');
      await page.locator('insitu-profile[data-state="filled"]').waitFor({ timeout: 15_000 });
      await shot(page, artifacts, `demo-privacy-centre-${vp.name}`);
      const violations = await axeViolations(page, [
        '#widget-trending',
        'insitu-promo',
        'insitu-profile',
      ]);
      assert.deepEqual(violations, [], `axe on the demo's widgets at ${vp.name} px`);
      await ctx.close();
    }
  },
};
