import type { Page } from 'playwright-core';
import { connectToPaint } from '../e2e/widget-checks.ts';
import { quantile, round, type BenchContext, type BenchSection } from './bench-types.ts';

const WARM_RUNS = 20;
const COLD_RUNS = 5;

async function widgetPage(ctx: BenchContext): Promise<Page> {
  const page = await (await ctx.browser.newContext()).newPage();
  await page.goto(`${ctx.baseUrl}/bench/blank.html`);
  await page.addScriptTag({ type: 'module', url: `${ctx.baseUrl}/insitu/widgets.js` });
  await page.waitForFunction(() => customElements.get('insitu-recommendations') !== undefined);
  return page;
}

/** Time from connecting the recommendations element to its painted items, cold and warm. */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    // Connected as soon as widgets.js has run: the worker is still starting, the catalog loading.
    const page = await widgetPage(ctx);
    cold.push(...(await connectToPaint(page, 1)));
    if (i === 0) warm.push(...(await connectToPaint(page, WARM_RUNS)));
    await page.context().close();
  }
  const row = (name: string, t: number[]) => ({
    case: name,
    runs: t.length,
    'median ms': round(quantile(t, 0.5)),
    'p95 ms': round(quantile(t, 0.95)),
    'max ms': round(Math.max(...t)),
  });
  return {
    title:
      '<insitu-recommendations>: connect → items painted (trending, 8 items, 360-item catalog)',
    rows: [
      row('cold page: connected right after load (worker starting)', cold),
      row('warm: runtime up, catalog loaded', warm),
    ],
  };
}
