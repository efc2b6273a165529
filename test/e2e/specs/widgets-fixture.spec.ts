import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { E2ESpec } from '../harness.ts';
import {
  databaseNames,
  exportedEvents,
  flushed,
  learnedSection,
  showWithoutEngaging,
} from '../page-helpers.ts';
import {
  VIEWPORTS,
  axeViolations,
  connectToPaint,
  imageWidths,
  layoutShift,
  shot,
  watchLayoutShifts,
} from '../widget-checks.ts';

const SHOP = '/shop/a/b/';

/**
 * A few product views, so recently-viewed and trending have something to show, and three items
 * recommended and skipped, so the privacy centre has learned something; returns their titles.
 */
async function browse(page: Page): Promise<string[]> {
  await page.evaluate(async () => {
    const res = await fetch('/e2e/catalog-relative.json');
    const { items } = (await res.json()) as { items: { id: string }[] };
    for (const i of items.slice(0, 8))
      void window.insitu.track('Product Viewed', { product_id: i.id });
    await window.insitu.flush();
  });
  return showWithoutEngaging(page, 40, 43);
}

/** The computed value of a property on a node inside the widget's shadow root. */
const styleIn = (page: Page, widget: string, selector: string, prop: string) =>
  page
    .locator(widget)
    .evaluate(
      (el, [sel, p]) => getComputedStyle(el.shadowRoot!.querySelector(sel!)!).getPropertyValue(p!),
      [selector, prop],
    );

/**
 * A third-party storefront (its UI in a shadow root, a nested route, `<base href="/">`, relative
 * image paths): the widgets look right by themselves at 1280 and 390 px, images load, nothing
 * shifts, axe finds nothing, theming by custom property and ::part works, Export downloads what
 * export() returns, and Forget leaves nothing stored.
 */
export const widgetsFixture: E2ESpec = {
  name: 'widgets: shadow-DOM shop on a nested route with <base>: look, images, CLS, axe, theming, export, forget',
  async run({ context, artifacts, baseUrl }) {
    for (const vp of VIEWPORTS) {
      const ctx = await context();
      await watchLayoutShifts(ctx);
      const page = await ctx.newPage();
      await page.setViewportSize(vp);
      await page.goto(SHOP);
      const skipped = await browse(page);
      await page.reload();
      await page.locator('#grid[data-state="filled"]').waitFor({ timeout: 15_000 });
      await page.locator('#carousel[data-state="filled"]').waitFor({ timeout: 15_000 });
      await page.locator('#profile[data-state="filled"]').waitFor({ timeout: 15_000 });
      await page.locator('#promo-yes[data-state="shown"]').waitFor();
      const loadMs = await page.evaluate(
        () => (window as unknown as { __renderedAt: number }).__renderedAt,
      );

      for (const id of ['#grid', '#carousel']) {
        const images = await imageWidths(page.locator(id));
        assert.ok(images.length >= 4, `${id} shows images (${images.length})`);
        for (const img of images) {
          assert.ok(img.src.startsWith(`${baseUrl}/images/`), `${img.src} resolved against <base>`);
          assert.ok(img.width > 0, `${img.src} loaded`);
        }
      }
      const { cls, shifts } = await layoutShift(page);
      assert.equal(cls, 0, `no layout shift at ${vp.name} px (${shifts.join('; ')})`);
      const learned = await learnedSection(page);
      assert.deepEqual(
        learned.skipped.slice(0, 3),
        skipped.map((t) => [t, 'shown 4 times']),
        'the skipped items are listed, most showings first',
      );
      assert.ok(learned.sentences[0]!.startsWith(`You skipped ${skipped[0]}, ${skipped[1]}`));
      // All eight views are running items (five of them road shoes): the broader category leads.
      assert.equal(
        learned.sentences[1],
        'You click mostly on Running (100% of what you looked at).',
      );
      assert.equal(learned.reset, learned.canReset, 'Reset shows exactly when the client has it');
      const violations = await axeViolations(page);
      assert.deepEqual(violations, [], `axe at ${vp.name} px`);
      assert.equal(await page.locator('#promo-no[data-state="hidden"]').count(), 1);
      assert.equal(await page.getByText('A promo for nobody').isVisible(), false);
      assert.equal(await page.getByText('A promo for everyone').isVisible(), true);
      // One link per card whose name is the title alone.
      const names = await page
        .locator('#grid')
        .evaluate((el) =>
          [...el.shadowRoot!.querySelectorAll('li')].map((li) => [
            li.querySelectorAll('a').length,
            li.querySelector('a')!.textContent,
            li.querySelector('[part="title"]')!.textContent,
          ]),
        );
      for (const [links, name, title] of names) {
        assert.equal(links, 1);
        assert.equal(name, title);
      }

      await shot(page, artifacts, `widgets-fixture-${vp.name}`, true);
      await shot(page.locator('#grid'), artifacts, `widget-grid-${vp.name}`);
      await shot(page.locator('#carousel'), artifacts, `widget-carousel-${vp.name}`);
      await shot(page.locator('#promo-yes'), artifacts, `widget-promo-${vp.name}`);
      await shot(page.locator('#profile'), artifacts, `widget-profile-${vp.name}`);
      const paint = await connectToPaint(page);
      console.log(
        `    ${vp.name} px: CLS ${cls}, axe ${violations.length} violations; first widget painted ${Math.round(loadMs)} ms after navigation; connect → painted (warm) median ${paint[paint.length >> 1]!.toFixed(1)} ms, max ${paint[paint.length - 1]!.toFixed(1)} ms`,
      );

      if (vp.name === '1280') {
        // Theming without forking: a custom property and a ::part rule from the shop's own tree.
        assert.equal(await styleIn(page, '#grid', 'li', 'border-radius'), '8px');
        await page.locator('shop-app').evaluate((app) => {
          const s = new CSSStyleSheet();
          s.replaceSync(
            '#grid{--insitu-radius:0px;--insitu-card-bg:rgb(255, 250, 240)}#grid::part(title){color:rgb(200, 0, 0)}',
          );
          app.shadowRoot!.adoptedStyleSheets = [...app.shadowRoot!.adoptedStyleSheets, s];
        });
        assert.equal(await styleIn(page, '#grid', 'li', 'border-radius'), '0px');
        assert.equal(await styleIn(page, '#grid', 'li', 'background-color'), 'rgb(255, 250, 240)');
        assert.equal(await styleIn(page, '#grid', '[part="title"]', 'color'), 'rgb(200, 0, 0)');
        assert.equal(
          await styleIn(page, '#carousel', '[part="title"]', 'color'),
          'rgb(31, 35, 40)',
        );
        await shot(page.locator('#grid'), artifacts, 'widget-grid-themed-1280');

        // Visible focus: a keyboard-focused card link draws its outline over the whole card.
        const outline = await page.locator('#grid').evaluate((el) => {
          const a = el.shadowRoot!.querySelector('a')!;
          a.focus();
          return getComputedStyle(a, '::after').outlineWidth;
        });
        assert.equal(outline, '3px', 'focused card shows its focus ring');
        // prefers-reduced-motion: the skeleton does not pulse.
        const pulse = async () =>
          page.evaluate(() => {
            const el = document.createElement('insitu-recommendations') as HTMLElement & {
              client: unknown;
            };
            el.client = { recommend: () => new Promise(() => undefined), track: async () => {} };
            document.body.append(el);
            const name = getComputedStyle(
              el.shadowRoot!.querySelector('li.sk .box')!,
            ).animationName;
            el.remove();
            return name;
          });
        assert.equal(await pulse(), 'pulse');
        await page.emulateMedia({ reducedMotion: 'reduce' });
        assert.equal(await pulse(), 'none', 'no animation under prefers-reduced-motion');
        await page.emulateMedia({ reducedMotion: null });

        // Export downloads exactly what export() returns.
        await flushed(page);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click('#profile #export-data'),
        ]);
        const file = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Record<
          string,
          unknown
        >;
        const api = (await page.evaluate(() => window.insitu.export())) as unknown as Record<
          string,
          unknown
        >;
        assert.equal(download.suggestedFilename(), 'insitu-export.json');
        assert.ok((file['events'] as unknown[]).length >= 8, 'the file holds the events');
        assert.deepEqual(
          { ...file, exportedAt: 0 },
          { ...api, exportedAt: 0 },
          'download = export()',
        );

        // Forget, after the confirmation, leaves nothing.
        await page.click('#profile #forget-data');
        await page.click('#profile #forget-confirm');
        await page.locator('#profile #stored-count', { hasText: /^0$/ }).waitFor();
        assert.deepEqual(await exportedEvents(page), [], 'export() is empty after Forget');
        assert.ok(!(await databaseNames(page)).includes('insitu'), 'the database is gone');
        await shot(page.locator('#profile'), artifacts, 'widget-profile-forgotten-1280');
      }
      await ctx.close();
    }
  },
};
