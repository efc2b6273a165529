import { quantile, round, type BenchContext, type BenchSection } from './bench-types.ts';

/** Pages of the scripted browse, each tracking a visit's events and asking for every widget. */
const PAGES = 6;

interface PageTasks {
  longTasks: number;
  /** Long animation frames with a script of insitu's (its URL under /insitu/) in them. */
  insituFrames: number;
  /** The longest such script, ms. */
  insituMaxMs: number;
  frames: number;
}

/**
 * Long tasks on the main thread during a scripted browse of the bench page (the built SDK
 * from the snippet): each page tracks a visit (views, list, add, search), asks every strategy,
 * the profile and the audiences, then the next page loads. Long tasks come from
 * `PerformanceObserver('longtask')`; which of them insitu caused, from the Long Animation Frames
 * API, whose script entries name the file that ran.
 */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const context = await ctx.browser.newContext();
  await context.addInitScript(`
    globalThis.__name = globalThis.__name || ((fn) => fn);
    window.__tasks = { longTasks: 0, insituFrames: 0, insituMaxMs: 0, frames: 0 };
    new PerformanceObserver((list) => { window.__tasks.longTasks += list.getEntries().length; })
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const f of list.getEntries()) {
        window.__tasks.frames += 1;
        const ours = (f.scripts || []).filter((s) => /\\/insitu\\//.test(s.sourceURL || ''));
        if (ours.length > 0) {
          window.__tasks.insituFrames += 1;
          for (const s of ours) window.__tasks.insituMaxMs = Math.max(window.__tasks.insituMaxMs, s.duration);
        }
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  `);
  const page = await context.newPage();
  const pages: PageTasks[] = [];
  try {
    for (let p = 0; p < PAGES; p++) {
      await page.goto(`${ctx.baseUrl}/bench/blank.html`);
      await page.waitForFunction(() => window.__readyAt !== undefined, undefined, {
        timeout: 30_000,
      });
      await page.evaluate(async (n) => {
        const insitu = window.insitu;
        for (let i = 0; i < 30; i++) {
          await insitu.track('Product Viewed', { product_id: `p-${(n * 31 + i * 7) % 300}` });
        }
        await insitu.track('Product List Viewed', { category: 'Running', products: [] });
        await insitu.track('Products Searched', { query: 'trail shoe' });
        await insitu.track('Product Added', { product_id: `p-${n}`, quantity: 1 });
        await insitu.flush();
        for (const strategy of [
          'for-you',
          'similar-items',
          'bought-together',
          'trending',
        ] as const) {
          await insitu.recommend({ strategy, limit: 8 });
        }
        await insitu.profile();
        await insitu.audiences();
        // Let the observers deliver the last frames.
        await new Promise((r) => setTimeout(r, 300));
      }, p);
      pages.push(await page.evaluate(() => (window as unknown as { __tasks: PageTasks }).__tasks));
    }
  } finally {
    await context.close();
  }
  const sum = (k: keyof PageTasks) => pages.reduce((s, x) => s + x[k], 0);
  return {
    title: 'main-thread long tasks during a scripted browse (built SDK, 6 pages)',
    rows: [
      {
        pages: PAGES,
        'long tasks (any)': sum('longTasks'),
        'long frames with insitu scripts': sum('insituFrames'),
        'longest insitu script in them, ms': round(Math.max(...pages.map((x) => x.insituMaxMs))),
        'long frames per page, median': quantile(
          pages.map((x) => x.frames),
          0.5,
        ),
      },
    ],
    notes: [
      'Each page: 30 Product Viewed, a list view, a search, an add to cart, every strategy, profile() and audiences(). Long tasks (≥ 50 ms) of any cause are counted; insitu’s share is the long animation frames one of whose scripts came from /insitu/.',
    ],
  };
}
