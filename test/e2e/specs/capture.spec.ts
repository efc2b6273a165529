import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { E2ESpec } from '../harness.ts';
import { exportedEvents, flushed, idbEventCount } from '../page-helpers.ts';

/** The stored events as [name, product_id, category] rows (the fields capture sends). */
async function storedRows(page: Page) {
  await flushed(page);
  return (await exportedEvents(page)).map((e) => [
    e.name,
    e.props['product_id'] ?? null,
    e.props['category'] ?? null,
  ]);
}

/** Waits until `n` events are stored (capture loads lazily, after the runtime). */
async function waitStored(page: Page, n: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const count = await page.evaluate(async () => (await window.insitu.flush()).total);
    if (count >= n || Date.now() > deadline) return count;
    await page.waitForTimeout(100);
  }
}

/** Single-page shop of shadow-DOM components: routes become events, once per navigation. */
export const captureRoutes: E2ESpec = {
  name: 'capture.routes: SPA navigation (shadow-DOM links, pushState, back) → one event per view',
  async run({ context, artifacts }) {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/shop/list/mens_outerwear');
    await page.locator('shop-item').first().waitFor();
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(artifacts, 'capture-spa-1280.png'), fullPage: true });

    // Link two shadow roots deep (shop-app → shop-item → a).
    await page.locator('shop-item a[href="shop/detail/mens_outerwear/mens-2"]').click();
    await page.locator('button', { hasText: 'Add to cart' }).click(); // re-renders: replaceState, same URL
    await page.locator('a.cart').click();
    await page.locator('text=Your cart').waitFor();
    assert.match(await page.locator('main').innerText(), /Men's Parka × 1/);
    await page.evaluate(() => history.back());
    await page.locator('button', { hasText: 'Add to cart' }).waitFor();
    await page.evaluate(() => history.back());
    await page.locator('shop-item').first().waitFor();
    await page.locator('nav a', { hasText: 'ladies outerwear' }).click();
    await page.locator('shop-item a[href="shop/detail/ladies_outerwear/ladies-3"]').click();
    await page.locator('button', { hasText: 'Add to cart' }).waitFor();

    assert.equal(await waitStored(page, 7), 7);
    assert.deepEqual(await storedRows(page), [
      ['Product List Viewed', null, 'mens_outerwear'],
      ['Product Viewed', 'mens-2', 'mens_outerwear'],
      ['Cart Viewed', null, null],
      ['Product Viewed', 'mens-2', 'mens_outerwear'], // back to the product: a view again
      ['Product List Viewed', null, 'mens_outerwear'],
      ['Product List Viewed', null, 'ladies_outerwear'],
      ['Product Viewed', 'ladies-3', 'ladies_outerwear'],
    ]);
    // The SPA's own state is intact: the cart in localStorage, the URL, no page errors.
    assert.equal(new URL(page.url()).pathname, '/shop/detail/ladies_outerwear/ladies-3');
    assert.deepEqual(
      await page.evaluate(() => JSON.parse(localStorage.getItem('spa-shop:cart') ?? '[]')),
      [{ id: 'mens-2', quantity: 1 }],
    );
    assert.deepEqual(errors, []);

    // A full load of a deep route fires its event too (the page load is a view).
    await page.goto('/shop/detail/ladies_outerwear/ladies-1');
    assert.equal(await waitStored(page, 8), 8);
    assert.deepEqual((await storedRows(page)).at(-1), [
      'Product Viewed',
      'ladies-1',
      'ladies_outerwear',
    ]);
    await page.goto('/shop/list/ladies_outerwear');
    await page.locator('shop-item').first().waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(artifacts, 'capture-spa-390.png'), fullPage: true });
    await ctx.close();
  },
};

/** GA4 pushes (before and after insitu, dataLayer and gtag forms) → Segment-named events. */
export const captureDataLayer: E2ESpec = {
  name: 'capture.dataLayer: GA4 e-commerce pushes before/after load, both forms, GTM push replaced',
  async run({ context }) {
    const ctx = await context();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/capture/ga4.html');
    assert.equal(await waitStored(page, 2), 2, 'the pushes made before insitu loaded');
    const after = await page.evaluate(() => {
      const w = window as unknown as {
        dataLayer: unknown[] & { push: (...a: unknown[]) => number };
        gtmSaw: unknown[];
      };
      const gtag = function (..._args: unknown[]) {
        // eslint-disable-next-line prefer-rest-params -- gtag pushes its arguments object.
        w.dataLayer.push(arguments);
      };
      // GTM replaces push after us (and chains to the one it found).
      w.gtmSaw = [];
      const found = w.dataLayer.push;
      w.dataLayer.push = function (this: unknown, ...items: unknown[]) {
        w.gtmSaw.push(...items);
        return found.apply(this, items);
      };
      const returned = [
        w.dataLayer.push({ ecommerce: null }),
        w.dataLayer.push({
          event: 'add_to_cart',
          ecommerce: {
            currency: 'EUR',
            value: 118,
            items: [
              { item_id: 'mens-1', price: 49 },
              { item_id: 'mens-2', price: 69 },
            ],
          },
        }),
        // Malformed: no item ids; a getter that throws; not e-commerce at all.
        w.dataLayer.push({ event: 'view_item', ecommerce: { items: [{ item_name: 'no id' }] } }),
        w.dataLayer.push(
          Object.defineProperty({ event: 'view_cart' }, 'ecommerce', {
            get() {
              throw new Error('boom');
            },
            enumerable: true,
          }),
        ),
        w.dataLayer.push({ event: 'gtm.click' }),
      ];
      gtag('event', 'search', { search_term: 'rain jacket' });
      gtag('event', 'view_promotion', {
        promotion_id: 'P1',
        promotion_name: 'Winter',
        creative_slot: 'hero',
      });
      gtag('event', 'purchase', {
        transaction_id: 'T-1',
        value: 118,
        tax: 22.4,
        shipping: 4.9,
        currency: 'EUR',
        items: [
          { item_id: 'mens-1', quantity: 1, price: 49 },
          { item_id: 'mens-2', quantity: 1, price: 69 },
        ],
      });
      // A later tag replaces push without chaining: its entries are still read.
      w.dataLayer.push = function (this: unknown[], ...items: unknown[]) {
        return Array.prototype.push.apply(this, items);
      };
      w.dataLayer.push({
        event: 'remove_from_cart',
        ecommerce: { items: [{ item_id: 'mens-2' }] },
      });
      return { returned, length: w.dataLayer.length, gtmSaw: w.gtmSaw.length };
    });
    // push kept returning the array's length, and GTM's push saw every entry pushed through it.
    assert.deepEqual(after.returned, [6, 7, 8, 9, 10]);
    assert.equal(after.length, 14);
    assert.equal(after.gtmSaw, 8);
    assert.equal(await waitStored(page, 8), 8);
    const events = await page.evaluate(async () => (await window.insitu.export()).events);
    assert.deepEqual(
      events.map((e) => [
        e.name,
        e.props['product_id'] ??
          e.props['order_id'] ??
          e.props['query'] ??
          e.props['promotion_id'] ??
          null,
      ]),
      [
        ['Product List Viewed', null],
        ['Product Viewed', 'mens-1'],
        ['Product Added', 'mens-1'],
        ['Product Added', 'mens-2'],
        ['Products Searched', 'rain jacket'],
        ['Promotion Viewed', 'P1'],
        ['Order Completed', 'T-1'],
        ['Product Removed', 'mens-2'],
      ],
    );
    const order = events.find((e) => e.name === 'Order Completed')!;
    assert.deepEqual(order.props, {
      order_id: 'T-1',
      currency: 'EUR',
      shipping: 4.9,
      tax: 22.4,
      revenue: 118,
      products: [
        { product_id: 'mens-1', price: 49, quantity: 1 },
        { product_id: 'mens-2', price: 69, quantity: 1 },
      ],
    });
    assert.deepEqual(events[1]!.props, {
      product_id: 'mens-1',
      name: "Men's Anorak",
      brand: 'Northwind',
      category: 'mens_outerwear',
      price: 49,
      quantity: 1,
      currency: 'EUR',
      value: 49,
    });
    assert.deepEqual(events[0]!.props['products'], [
      { product_id: 'mens-1', name: "Men's Anorak", price: 49, position: 0 },
      { product_id: 'mens-2', price: 69, position: 1 },
    ]);
    assert.deepEqual(errors, []);
    await ctx.close();
  },
};

/** Segment's analytics.js (stub with queued calls, then the loaded library) mirrored into insitu. */
export const captureSegment: E2ESpec = {
  name: 'capture.segment: analytics.js stub queue + replacing library mirrored, Segment untouched',
  async run({ context }) {
    const ctx = await context();
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/capture/segment.html');
    assert.equal(await waitStored(page, 2), 2, 'queued calls of the stub');
    const seen = await page.evaluate(() => {
      type Call = { method: string; args: unknown[]; self: unknown };
      const w = window as unknown as { analytics: unknown; queuedProps: object; sent: Call[] };
      const stub = w.analytics as unknown[][];
      w.sent = [];
      // The loaded library, as analytics.js installs it: a new object replaces the stub, then
      // replays the stub's queued calls through its own methods.
      const lib = {
        track(...args: unknown[]) {
          w.sent.push({ method: 'track', args, self: this });
          return lib;
        },
        page(...args: unknown[]) {
          w.sent.push({ method: 'page', args, self: this });
          return lib;
        },
        identify(...args: unknown[]) {
          w.sent.push({ method: 'identify', args, self: this });
          return lib;
        },
        ready(fn: () => void) {
          setTimeout(fn, 0);
        },
      };
      const queued = stub.slice();
      w.analytics = lib;
      for (const [method, ...args] of queued) {
        if (typeof method === 'string') {
          const a = args.filter(
            (x) => !(x && typeof x === 'object' && (x as { __t?: string }).__t === 'bpc'),
          );
          (w.analytics as Record<string, (...a: unknown[]) => unknown>)[method]!(...a);
        }
      }
      const analytics = w.analytics as typeof lib;
      const props = { product_id: 'mens-5', price: 129, quantity: 1 };
      const options = { context: { ip: '0.0.0.0' } };
      const callback = () => undefined;
      const returned = analytics.track('Product Added', props, options, callback);
      analytics.page('Shop', 'Home', { path: '/' });
      analytics.track('Newsletter Signed Up', { email: 'x@example.test' });
      const last = w.sent.find((c) => c.method === 'track' && c.args[0] === 'Product Added')!;
      return {
        identical:
          last.args[1] === props &&
          last.args[2] === options &&
          last.args[3] === callback &&
          last.args.length === 4,
        self: last.self === lib,
        returned: returned === lib,
        replayedViewIdentical: w.sent.some((c) => c.args[1] === w.queuedProps),
        sent: w.sent.map((c) => [c.method, c.args[0] ?? null]),
      };
    });
    assert.deepEqual(
      {
        identical: seen.identical,
        self: seen.self,
        returned: seen.returned,
        replay: seen.replayedViewIdentical,
      },
      { identical: true, self: true, returned: true, replay: true },
      'Segment got the same arguments, this and return value',
    );
    assert.deepEqual(seen.sent, [
      ['page', null],
      ['track', 'Product Viewed'],
      ['identify', 'user-1'],
      ['track', 'Signed Up'],
      ['page', 'Shop'],
      ['track', 'Product Added'],
      ['page', 'Shop'],
      ['track', 'Newsletter Signed Up'],
    ]);
    assert.equal(await waitStored(page, 3), 3);
    const events = await exportedEvents(page);
    assert.deepEqual(
      events.map((e) => [e.name, e.props['product_id']]),
      [
        ['Product Viewed', 'mens-3'], // queued track, once although the library replayed it
        ['Product Viewed', 'mens-4'], // queued page naming a product
        ['Product Added', 'mens-5'],
      ],
    );
    assert.ok(!JSON.stringify(events).includes('example.test'), 'no personal data mirrored');
    assert.deepEqual(errors, []);
    await ctx.close();
  },
};

/** Strict CSP (no unsafe-inline, no unsafe-eval): insitu starts, captures, stores, violates nothing. */
export const captureStrictCsp: E2ESpec = {
  name: 'capture under a strict Content-Security-Policy: starts, captures, stores, no violation',
  async run({ context }) {
    const ctx = await context();
    const page = await ctx.newPage();
    await page.goto('/capture/csp.html');
    assert.equal(await waitStored(page, 3), 3);
    await page.evaluate(() =>
      (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
        event: 'add_to_cart',
        ecommerce: { items: [{ item_id: 'mens-6' }] },
      }),
    );
    assert.equal(await waitStored(page, 4), 4);
    const events = await exportedEvents(page);
    assert.deepEqual(events.map((e) => e.name).sort(), [
      'Page Seen',
      'Product Added',
      'Product List Viewed',
      'Product Viewed',
    ]);
    const storage = await page.evaluate(async () => (await window.insitu.stats()).storage);
    assert.equal(storage, 'indexeddb');
    const violations = await page.evaluate(
      () => (window as unknown as { violations: unknown[] }).violations,
    );
    assert.deepEqual(violations, [], 'no securitypolicyviolation');
    const errors = await page.evaluate(
      () => (window as unknown as { insituErrors: unknown[] }).insituErrors,
    );
    assert.deepEqual(errors, [{ code: 'invalid_config', field: 'capture.routes[1].path' }]);
    await ctx.close();
  },
};

/** consent 'required': captured events stay in page memory until consent(true), like track(). */
export const captureConsent: E2ESpec = {
  name: "capture with consent 'required': nothing persisted before consent(true), stored after",
  async run({ persistentContext }) {
    const ctx = await persistentContext();
    const page = await ctx.newPage();
    await page.goto('/capture/consent.html');
    assert.equal(await waitStored(page, 2), 2, 'captured (in memory)');
    assert.ok(
      (await idbEventCount(page, 'capture-consent')) <= 0,
      'nothing in IndexedDB before consent',
    );
    assert.equal(await page.evaluate(async () => (await window.insitu.stats()).storage), 'memory');
    await page.evaluate(async () => {
      await window.insitu.consent(true);
      (window as unknown as { dataLayer: unknown[] }).dataLayer.push({
        event: 'add_to_cart',
        ecommerce: { items: [{ item_id: 'mens-2' }] },
      });
      await window.insitu.flush();
    });
    assert.equal(await waitStored(page, 3), 3);
    assert.equal(
      await idbEventCount(page, 'capture-consent'),
      3,
      'moved to IndexedDB with consent',
    );
    await ctx.close();
  },
};
