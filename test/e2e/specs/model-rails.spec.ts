import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoDist } from '../../../demo/scripts/prepare.mjs';
import type { E2ESpec } from '../harness.ts';
import { flushed } from '../page-helpers.ts';

/** Waits for a rail and checks the trained model filled it, each card with an explanation. */
async function assertModelRail(page: Page, id: string, exclude?: string): Promise<void> {
  const rail = page.locator(`#${id}[data-state]`);
  await rail.waitFor({ timeout: 20_000 });
  assert.equal(await rail.getAttribute('data-state'), 'filled', `${id} is filled`);
  assert.match(
    (await page.textContent(`#${id} .badge`)) ?? '',
    /^model/,
    `${id} comes from the model`,
  );
  const notes = await page.$$eval(`#${id} a.card .card-note`, (els) =>
    els.map((e) => e.textContent ?? ''),
  );
  assert.ok(notes.length >= 4, `${id} shows several items (${notes.length})`);
  for (const n of notes)
    assert.ok(n.trim().length > 5, `${id}: every item explains itself ("${n}")`);
  if (exclude) {
    const ids = await page.$$eval(`#${id} a.card`, (els) =>
      els.map((e) => e.getAttribute('data-product-id')),
    );
    assert.ok(!ids.includes(exclude), `${id} does not recommend the product itself`);
  }
}

/** With the demo's model artifact (built by `insitu build` from simulated logs), rails use it. */
export const modelRails: E2ESpec = {
  name: 'demo with the model artifact: similar, bought together and for-you come from the model',
  skip: () =>
    process.env['E2E_MODEL'] === '0' ? 'E2E_MODEL=0: the model step was skipped' : undefined,
  async run({ context, artifacts }) {
    assert.ok(
      existsSync(join(demoDist, 'insitu', 'model', 'manifest.json')),
      'the demo has a model artifact (the model step of the demo build failed or did not run)',
    );
    const ctx = await context();
    const page = await ctx.newPage();
    const product = 'run-010';
    await page.goto(`/product.html#${product}`);
    await assertModelRail(page, 'rail-similar', product);
    await assertModelRail(page, 'rail-bought-together', product);
    await page.screenshot({ path: join(artifacts, 'product-model.png'), fullPage: true });
    await flushed(page);
    await page.goto('/');
    await assertModelRail(page, 'rail-for-you');
    await ctx.close();
  },
};

/**
 * The worker script served with a Content-Security-Policy header that does not allow
 * 'wasm-unsafe-eval' (a worker's policy comes from its own response): the SIMD kernel cannot
 * compile, plain JS scores, and the rails still come from the model.
 */
export const modelRailsWorkerCsp: E2ESpec = {
  name: "demo with the model, worker under script-src 'self' (no wasm): plain JS, same rails",
  skip: modelRails.skip!,
  async run({ context }) {
    const ctx = await context();
    await ctx.route('**/insitu-worker.js', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        headers: {
          ...response.headers(),
          'content-security-policy': "script-src 'self'; worker-src 'self'",
        },
      });
    });
    const page = await ctx.newPage();
    await page.goto('/product.html#run-010');
    await assertModelRail(page, 'rail-similar', 'run-010');
    const model = await page.evaluate(async () => (await window.insitu.stats()).model);
    assert.equal(model?.backend, 'js', `plain JS scores (${JSON.stringify(model)})`);
    assert.match(String(model?.timings?.['simd']), /^unavailable: /, 'the SIMD kernel was refused');
    // The next page does not try again (each refusal is a violation report for the shop).
    await page.goto('/');
    await assertModelRail(page, 'rail-for-you');
    const next = await page.evaluate(async () => (await window.insitu.stats()).model);
    assert.equal(next?.backend, 'js');
    assert.match(String(next?.timings?.['simd']), /^unavailable: refused on an earlier page/);
    await ctx.close();
  },
};
