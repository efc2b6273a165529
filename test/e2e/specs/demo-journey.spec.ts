import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '@insitu/core';
import type { Page, Request } from 'playwright-core';
import { demoDist } from '../../../demo/scripts/prepare.mjs';
import type { E2ESpec } from '../harness.ts';
import { databaseNames, exportedEvents, flushed } from '../page-helpers.ts';

/** Static files the demo and the SDK may fetch; anything else would be a leak. */
const STATIC = /\.(html|js|css|svg|json|wasm|bin|png|woff2?)$|\/$/;

/** The runtime has replaced the snippet's stub: what the page tracked is in its hands. */
async function runtimeUp(page: Page): Promise<void> {
  await page.evaluate(() => window.insitu.ready());
}

async function productIdsOnPage(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => e.getAttribute('data-product-id') ?? ''));
}

/** Checks every request the pages made: same-origin GETs of static files, no data attached. */
function assertNoEventData(requests: Request[], origin: string, viewed: string[]): void {
  assert.ok(requests.length > 0, 'requests were recorded');
  for (const r of requests) {
    const url = new URL(r.url());
    const where = `${r.method()} ${r.url()}`;
    assert.equal(url.origin, origin, `only same-origin requests: ${where}`);
    assert.equal(r.method(), 'GET', `only GETs: ${where}`);
    assert.equal(r.postData(), null, `no request body: ${where}`);
    assert.equal(url.search, '', `no query string: ${where}`);
    assert.match(url.pathname, STATIC, `only static files: ${where}`);
    // Product ids may only appear as a product's own image file, never as data.
    for (const id of viewed) {
      if (url.pathname.includes(id)) assert.equal(url.pathname, `/images/${id}.svg`, where);
    }
  }
}

/** Browse → events stored → recently viewed shown → forget → nothing left; no event data sent. */
export const demoJourney: E2ESpec = {
  name: 'demo journey: browse, store, recently viewed, forget, no data leaves the page',
  async run({ context, baseUrl, artifacts }) {
    const catalog = JSON.parse(
      readFileSync(join(demoDist, 'insitu', 'catalog.json'), 'utf8'),
    ) as Catalog;
    const inStock = new Set(catalog.items.filter((i) => i.inStock).map((i) => i.id));
    const ctx = await context();
    const page = await ctx.newPage();
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    ctx.on('request', (r) => {
      if (!requests.includes(r)) requests.push(r);
    });
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));

    // No pause before navigating: events still buffered or unconfirmed when the page goes are
    // sent again by the next page (see quick-navigation.spec.ts). Only calls queued in the
    // snippet's stub before the runtime has loaded live in the page alone, so each step waits
    // for the runtime (`ready`), not for storage.
    await page.goto('/');
    await runtimeUp(page);
    await page.locator('.tiles a.tile').nth(2).click();
    await page.waitForURL(/category\.html#/);
    // The grid renders after the page's script reads the route: wait for it before reading it.
    await page.locator('.grid a.card').first().waitFor();
    const listed = await productIdsOnPage(page, '.grid a.card');
    assert.ok(listed.length >= 10, `category lists products (${listed.length})`);
    await page.screenshot({ path: join(artifacts, 'category.png') });
    const viewed = listed.slice(0, 3);
    for (const id of viewed) {
      await runtimeUp(page);
      await page.locator(`.grid a.card[data-product-id="${id}"]`).click();
      await page.waitForURL(new RegExp(`product\\.html#${id}$`));
      await page.locator('#product-title').waitFor();
      await runtimeUp(page);
      await page.goBack();
      await page.locator('.grid a.card').first().waitFor();
    }
    // Review and buy the first in-stock product: the cart, checkout and order events.
    const buy = listed.find((id) => inStock.has(id));
    assert.ok(buy, 'the category has an in-stock product');
    await page.goto(`/product.html#${buy}`);
    await page.locator('#product-title').waitFor();
    await page.fill('#review-body', 'Great quality, would buy again.');
    await page.click('#review-form button[type="submit"]');
    await page.click('#add-to-cart');
    await page.goto('/cart.html');
    await page.locator('#rail-trending[data-state]').waitFor();
    await page.screenshot({ path: join(artifacts, 'cart.png'), fullPage: true });
    await page.click('#start-checkout');
    await page.click('#place-order');
    await page.locator('#order-done').waitFor();
    await page.fill('#search-input', 'tent');
    await page.press('#search-input', 'Enter');
    await page.waitForURL(/category\.html#q=tent/);

    await flushed(page);
    const events = await exportedEvents(page);
    const names = new Set(events.map((e) => e.name));
    const expected = [
      'Product List Viewed',
      'Product Viewed',
      'Product Reviewed',
      'Product Added',
      'Cart Viewed',
      'Checkout Started',
      'Order Completed',
      'Products Searched',
    ];
    for (const n of expected) {
      assert.ok(names.has(n), `${n} stored (have: ${[...names].join(', ')})`);
    }
    const viewedStored = events.filter((e) => e.name === 'Product Viewed').map((e) => e.items[0]);
    for (const id of viewed) assert.ok(viewedStored.includes(id), `Product Viewed ${id} stored`);

    await page.goto('/');
    const rail = page.locator('#rail-recently-viewed[data-state="filled"]');
    await rail.waitFor({ timeout: 10_000 });
    const shown = await productIdsOnPage(page, '#rail-recently-viewed a.card');
    for (const id of viewed)
      assert.ok(shown.includes(id), `recently viewed shows ${id}: ${shown.join(',')}`);
    await page.screenshot({ path: join(artifacts, 'home.png'), fullPage: true });

    // Audiences are matched in the browser; each <insitu-promo> shows its banner only when it holds.
    const matches = await page.evaluate(async () => (await window.insitu?.audiences()) ?? []);
    const offers = ['outdoor-fans', 'ready-to-buy', 'bargain-hunters'];
    for (const id of offers) {
      const promo = page.locator(`insitu-promo[audience="${id}"][data-state]`);
      await promo.waitFor({ state: 'attached', timeout: 10_000 });
      const shown = (await promo.getAttribute('data-state')) === 'shown';
      assert.equal(
        shown,
        matches.some((m) => m.id === id),
        `promo ${id} shown iff matched`,
      );
      assert.equal(await page.locator(`.promo[data-audience="${id}"]`).isVisible(), shown);
    }
    console.log(`    audiences: ${JSON.stringify(matches)}`);

    await page.goto(`/product.html#${viewed[1]}`);
    await page.locator('#rail-recently-viewed[data-state]').waitFor();
    await page.screenshot({ path: join(artifacts, 'product.png'), fullPage: true });
    await page.click('#panel-toggle');
    // The drawer holds the SDK's privacy centre, <insitu-profile> (a lazy chunk of widgets.js).
    const centre = page.locator(
      'insitu-profile[data-state="filled"], insitu-profile[data-state="empty"]',
    );
    await centre.waitFor({ timeout: 10_000 });
    // Once the SDK computes a profile, the centre must show it (affinity bars, summary).
    const hasProfile = await page.evaluate(() =>
      window.insitu.profile().then(
        () => true,
        () => false,
      ),
    );
    const panelState = await page.getAttribute('insitu-profile', 'data-state');
    assert.equal(panelState, hasProfile ? 'filled' : 'empty', 'privacy centre matches profile()');
    if (hasProfile) {
      // The shopper only browsed one department: the profile's top interest must lie in it.
      const top = await page.locator('insitu-profile #interests .bar-label').first().textContent();
      const browsed = new Set(
        catalog.items.filter((i) => viewed.includes(i.id)).flatMap((i) => i.categories),
      );
      assert.ok(
        top && browsed.has(top),
        `top interest "${top}" is one of ${[...browsed].join(', ')}`,
      );
    }
    assert.ok(
      Number(await page.locator('insitu-profile #stored-count').textContent()) >= events.length,
      'the privacy centre shows the count',
    );
    await page.screenshot({ path: join(artifacts, 'panel.png'), animations: 'disabled' });

    await page.click('insitu-profile #forget-data');
    await page.click('insitu-profile #forget-confirm');
    await page.locator('insitu-profile #stored-count', { hasText: /^0$/ }).waitFor();
    assert.deepEqual(await exportedEvents(page), [], 'export() is empty after forget()');
    assert.ok(!(await databaseNames(page)).includes('insitu'), 'the insitu database is deleted');
    const caches = await page.evaluate(async () =>
      (await window.caches.keys()).filter((k) => k.startsWith('insitu')),
    );
    assert.deepEqual(caches, [], 'no insitu caches left');

    assertNoEventData(requests, baseUrl, viewed);
    assert.deepEqual(sockets, [], 'no WebSockets');
    await ctx.close();
  },
};
