import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { E2ESpec } from '../harness.ts';
import { learnedSection, showWithoutEngaging } from '../page-helpers.ts';
import {
  VIEWPORTS,
  axeViolations,
  imageWidths,
  layoutShift,
  shot,
  watchLayoutShifts,
} from '../widget-checks.ts';

/** A few product views, so the widgets have something to show. */
async function browse(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const res = await fetch('/e2e/catalog-relative.json');
    const { items } = (await res.json()) as { items: { id: string }[] };
    for (const i of items.slice(20, 26))
      void window.insitu.track('Product Viewed', { product_id: i.id });
    await window.insitu.flush();
  });
}

/** Under `style-src 'self'` (no unsafe-inline) the widget is styled and nothing is blocked. */
export const widgetsCsp: E2ESpec = {
  name: "widgets: strict CSP (script-src/style-src/worker-src 'self'): styled, no violation",
  async run({ context, artifacts }) {
    const ctx = await context();
    await watchLayoutShifts(ctx);
    const page = await ctx.newPage();
    await page.setViewportSize(VIEWPORTS[0]);
    await page.goto('/e2e/csp.html');
    await browse(page);
    await page.reload();
    const widget = page.locator('insitu-recommendations[data-state="filled"]');
    await widget.waitFor({ timeout: 15_000 });
    const styles = await widget.evaluate((el) => {
      const li = el.shadowRoot!.querySelector('li')!;
      const s = getComputedStyle(li);
      return { radius: s.borderRadius, display: s.display, list: s.listStyleType };
    });
    assert.deepEqual(styles, { radius: '8px', display: 'flex', list: 'none' }, 'styled under CSP');
    for (const img of await imageWidths(widget)) assert.ok(img.width > 0, `${img.src} loaded`);
    const violations = await page.evaluate(
      () => (window as unknown as { __violations: string[] }).__violations,
    );
    assert.deepEqual(violations, [], 'no securitypolicyviolation');
    // A plain page (the element in the HTML, widgets.js a module in <head>): nothing moves either.
    const { cls, shifts } = await layoutShift(page);
    console.log(`    plain HTML page: CLS ${cls} ${shifts.join('; ')}`);
    assert.equal(cls, 0, `no layout shift (${shifts.join('; ')})`);
    await shot(page, artifacts, 'widgets-csp-1280');
    await ctx.close();
  },
};

/** `<html lang="zh-CN">` + config `language: 'zh'`: every widget text in Chinese, prices by zh-CN. */
export const widgetsChinese: E2ESpec = {
  name: 'widgets: zh texts and zh-CN prices at 1280 and 390 px',
  async run({ context, artifacts }) {
    for (const vp of VIEWPORTS) {
      const ctx = await context();
      const page = await ctx.newPage();
      await page.setViewportSize(vp);
      await page.goto('/e2e/zh.html');
      await browse(page);
      const skipped = await showWithoutEngaging(page, 40, 43);
      await page.reload();
      await page.locator('#grid[data-state="filled"]').waitFor({ timeout: 15_000 });
      await page.locator('#profile[data-state="filled"]').waitFor({ timeout: 15_000 });
      assert.equal(await page.locator('#grid [part="heading"]').textContent(), '热门商品');
      // Each price as Intl formats it for zh-CN in the item's (or the catalog's) currency.
      const prices = await page.locator('#grid').evaluate(async (el) => {
        const catalog = (await (await fetch('/e2e/catalog-relative.json')).json()) as {
          currency?: string;
          items: { id: string; price?: number; currency?: string }[];
        };
        return [...el.shadowRoot!.querySelectorAll('li')].map((li) => {
          const item = catalog.items.find((i) => i.id === li.getAttribute('data-product-id'))!;
          const currency = item.currency ?? catalog.currency ?? 'EUR';
          const fmt = new Intl.NumberFormat('zh-CN', { style: 'currency', currency });
          return [li.querySelector('[part="price"]')!.textContent, fmt.format(item.price!)];
        });
      });
      assert.ok(prices.length > 0);
      for (const [shown, expected] of prices) assert.equal(shown, expected, 'zh-CN price');
      // The explanations come from the worker's ranking, in the configured language.
      const whys = await page
        .locator('#grid')
        .evaluate((el) =>
          [...el.shadowRoot!.querySelectorAll('[part="why"]')].map((w) => w.textContent ?? ''),
        );
      assert.ok(whys.length > 0, 'explanations shown');
      for (const why of whys)
        assert.match(why, /[\u4e00-\u9fff]/, `explanation in Chinese: ${why}`);
      const profile = page.locator('#profile');
      assert.equal(await profile.locator('#privacy-title').textContent(), '你在本设备上的数据');
      assert.equal(await profile.locator('#export-data').textContent(), '导出我的数据');
      assert.equal(await profile.locator('#forget-data').textContent(), '清除我的数据');
      assert.match(
        (await profile.locator('#profile-summary').textContent()) ?? '',
        /[\u4e00-\u9fff]/,
        'summary in Chinese',
      );
      const learned = await learnedSection(page);
      assert.deepEqual(
        learned.skipped.slice(0, 3),
        skipped.map((t) => [t, '展示了 4 次']),
      );
      assert.ok(learned.sentences[0]!.startsWith(`你已经跳过 ${skipped[0]}、${skipped[1]}`));
      assert.match(learned.sentences[0]!, /至少三次，所以之后会少推荐它们。$/);
      assert.equal(
        await profile.locator('#learned h3').textContent(),
        'insitu 学到了什么',
        'section title in Chinese',
      );
      assert.deepEqual(await axeViolations(page), [], `axe zh at ${vp.name} px`);
      await shot(page.locator('#grid'), artifacts, `widget-grid-zh-${vp.name}`);
      await shot(profile, artifacts, `widget-profile-zh-${vp.name}`);
      await ctx.close();
    }
  },
};
