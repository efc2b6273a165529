import type { Page } from 'playwright-core';
import { quantile, round, type BenchContext, type BenchSection } from './bench-types.ts';

const WARM_RUNS = 20;
const COLD_RUNS = 5;

/**
 * Connects a `<insitu-recommendations strategy="trending" limit="8">` and resolves with the
 * milliseconds until its items are painted (rendered, then the next frame).
 */
function connectToPaint(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const el = document.createElement('insitu-recommendations');
    el.setAttribute('strategy', 'trending');
    el.setAttribute('limit', '8');
    const done = new Promise((r) => el.addEventListener('insitu-rendered', r, { once: true }));
    const t0 = performance.now();
    document.body.append(el);
    await done;
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const ms = performance.now() - t0;
    el.remove();
    return ms;
  });
}

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
    cold.push(await connectToPaint(page));
    if (i === 0) for (let j = 0; j < WARM_RUNS; j++) warm.push(await connectToPaint(page));
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
