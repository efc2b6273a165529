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
