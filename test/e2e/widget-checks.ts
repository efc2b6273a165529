import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';

/** The two widths every widget is looked at: a laptop and a phone. */
export const VIEWPORTS = [
  { name: '1280', width: 1280, height: 800 },
  { name: '390', width: 390, height: 844 },
] as const;

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Collects every layout shift from the first moment (buffered, so none is missed). */
export async function watchLayoutShifts(ctx: BrowserContext): Promise<void> {
  await ctx.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifts: string[]; __renderedAt?: number };
    w.__cls = 0;
    w.__shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
        sources?: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
      })[]) {
        if (e.hadRecentInput) continue;
        w.__cls += e.value;
        w.__shifts.push(
          `${e.value.toFixed(4)} ${(e.sources ?? []).map((s) => `${s.node?.nodeName} y ${Math.round(s.previousRect.y)}→${Math.round(s.currentRect.y)} at ${Math.round(e.startTime)} ms`).join(',')}`,
        );
      }
    }).observe({ type: 'layout-shift', buffered: true });
    // The first widget painted after the page started loading (the event is composed).
    document.addEventListener(
      'insitu-rendered',
      () => (w.__renderedAt ??= performance.now()),
      true,
    );
  });
}

/** The cumulative layout shift so far and what moved. */
export async function layoutShift(page: Page): Promise<{ cls: number; shifts: string[] }> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  return page.evaluate(() => {
    const w = window as unknown as { __cls: number; __shifts: string[] };
    return { cls: w.__cls, shifts: w.__shifts };
  });
}

/** axe-core's violations on the page, or in `include` (selectors); open shadow roots included. */
export async function axeViolations(page: Page, include?: string[]): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (sel) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: Document,
            o: object,
          ) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
        };
      }
    ).axe;
    const target = sel ? ({ include: sel.map((s) => [s]) } as unknown as Document) : document;
    const r = await axe.run(target, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, include);
}

/** Natural widths of a widget's images, after each has loaded or failed. */
export async function imageWidths(widget: Locator): Promise<{ src: string; width: number }[]> {
  return widget.evaluate(async (el) => {
    const imgs = [...(el.shadowRoot?.querySelectorAll('img') ?? [])];
    await Promise.all(imgs.map((i) => i.decode().catch(() => undefined)));
    return imgs.map((i) => ({ src: i.src, width: i.naturalWidth }));
  });
}

/** Saves an element's or the page's screenshot and says where, for the CI log. */
export async function shot(
  target: Page | Locator,
  artifacts: string,
  name: string,
  fullPage = false,
) {
  const path = join(artifacts, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path, fullPage, animations: 'disabled' });
  else await target.screenshot({ path, animations: 'disabled' });
  console.log(`    screenshot: ${path}`);
  return path;
}

/** Milliseconds from connecting a fresh element to its items painted (median of `runs`). */
export async function connectToPaint(page: Page, runs = 9): Promise<number[]> {
  return page.evaluate(async (n) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const el = document.createElement('insitu-recommendations');
      el.setAttribute('strategy', 'trending');
      el.setAttribute('limit', '8');
      const done = new Promise((r) => el.addEventListener('insitu-rendered', r, { once: true }));
      const t0 = performance.now();
      document.body.append(el);
      await done;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
      times.push(performance.now() - t0);
      el.remove();
    }
    return times.sort((a, b) => a - b);
  }, runs);
}
