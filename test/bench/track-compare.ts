import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.ts';
import {
  bundleIife,
  quantile,
  round,
  type BenchContext,
  type BenchSection,
} from './bench-types.ts';
import type {} from './track/competitors.ts'; // window.__competitors

const CALLS = 10_000;
const ROUND = 100;
const LIBS = ['insitu', 'analytics-next', 'search-insights'] as const;
type Lib = (typeof LIBS)[number];

interface PageResult {
  times: Record<Lib, number[]>;
  loops: Record<Lib, number>;
  /** Time the page spent in Worker#postMessage during the timed rounds (insitu's batches). */
  postMs: number;
  posts: number;
  isolated: boolean;
}

/**
 * `track()` of insitu, Segment's analytics-next and Algolia's search-insights (click event) in
 * the same page, over the same calls: 100 rounds of 100 calls each, the libraries taking turns
 * (order rotated each round) with a yield to the event loop between rounds, so each library's
 * deferred work (timers, promise chains, its own requests) runs between rounds as on a real
 * page. Every request to a host other than 127.0.0.1 is answered by a local stub
 * (`context.route`) and the browser resolves no other host at all (`--host-resolver-rules`).
 */
export async function trackCompare(ctx: BenchContext): Promise<BenchSection> {
  // The two libraries compared with, bundled from node_modules (dev-only).
  const bundle = await bundleIife(
    join(ctx.repoRoot, 'test', 'bench', 'track', 'competitors.ts'),
    'competitors',
  );
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
  const stubbed = new Map<string, number>();
  try {
    const context = await browser.newContext();
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        const host = new URL(route.request().url()).host;
        stubbed.set(host, (stubbed.get(host) ?? 0) + 1);
        return route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
      },
    );
    // tsx (keepNames) wraps named functions of the evaluated code in __name(); give the page one.
    await context.addInitScript('window.__name = (f) => f;');
    // Counts the page's time in postMessage: insitu's batch posts, deferred out of track().
    await context.addInitScript(() => {
      const post = Worker.prototype.postMessage;
      const w = window as unknown as { __post: { on: boolean; ms: number; n: number } };
      w.__post = { on: false, ms: 0, n: 0 };
      Worker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
        if (!w.__post.on) return (post as (...a: unknown[]) => void).apply(this, args);
        const t0 = performance.now();
        try {
          return (post as (...a: unknown[]) => void).apply(this, args);
        } finally {
          w.__post.ms += performance.now() - t0;
          w.__post.n++;
        }
      };
    });
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/bench/blank.html`);
    await page.waitForFunction(() => window.__readyAt !== undefined, undefined, {
      timeout: 30_000,
    });
    await page.addScriptTag({ path: bundle.file });
    const r: PageResult = await page.evaluate(
      async ({ calls, size, libs }) => {
        const { AnalyticsBrowser, aa } = window.__competitors!;
        const [analytics] = await AnalyticsBrowser.load(
          {
            writeKey: 'bench',
            // Given settings: nothing is fetched from Segment's CDN; no device-mode destination.
            cdnSettings: {
              integrations: {
                'Segment.io': {
                  apiKey: 'bench',
                  deliveryStrategy: { strategy: 'batching', config: { size: 100, timeout: 500 } },
                },
              },
            },
          },
          { initialPageview: false, disableClientPersistence: true },
        );
        aa('init', { appId: 'BENCH', apiKey: 'bench', userToken: 'bench-user' });
        const calls3: Record<string, (i: number) => unknown> = {
          insitu: (i) =>
            window.insitu.track('Product Clicked', { product_id: `p${i % 360}`, price: 19.99 }),
          'analytics-next': (i) =>
            analytics.track('Product Clicked', { product_id: `p${i % 360}`, price: 19.99 }),
          'search-insights': (i) =>
            aa('clickedObjectIDs', {
              index: 'products',
              eventName: 'Product Clicked',
              objectIDs: [`p${i % 360}`],
            }),
        };
        const pause = () => new Promise((resolve) => setTimeout(resolve, 0));
        for (const lib of libs) for (let i = 0; i < 1000; i++) void calls3[lib]!(i);
        await window.insitu.flush();
        await pause();
        const times = Object.fromEntries(libs.map((l) => [l, new Float64Array(calls)]));
        const loops = Object.fromEntries(libs.map((l) => [l, 0]));
        const post = (window as unknown as { __post: { on: boolean; ms: number; n: number } })
          .__post;
        post.on = true;
        for (let round = 0; round < calls / size; round++) {
          for (let k = 0; k < libs.length; k++) {
            const lib = libs[(round + k) % libs.length]!;
            const call = calls3[lib]!;
            const out = times[lib]!;
            const start = performance.now();
            for (let i = round * size; i < (round + 1) * size; i++) {
              const t0 = performance.now();
              void call(i);
              out[i] = performance.now() - t0;
            }
            loops[lib]! += performance.now() - start;
            await pause();
          }
        }
        await window.insitu.flush();
        post.on = false;
        return {
          times: Object.fromEntries(libs.map((l) => [l, Array.from(times[l]!)])),
          loops,
          postMs: post.ms,
          posts: post.n,
          isolated: crossOriginIsolated,
        } as PageResult;
      },
      { calls: CALLS, size: ROUND, libs: [...LIBS] },
    );
    await context.close();
    const mean = (lib: Lib) => (1000 * r.loops[lib]) / CALLS;
    const base = mean('insitu');
    const rows = LIBS.map((lib) => ({
      library: lib,
      'median µs': round(1000 * quantile(r.times[lib], 0.5)),
      'p99 µs': round(1000 * quantile(r.times[lib], 0.99)),
      'max µs': round(1000 * Math.max(...r.times[lib])),
      'mean µs (loop / calls)': round(mean(lib)),
      'mean vs insitu': `${round(mean(lib) / base)}×`,
    }));
    const hosts = [...stubbed].map(([h, n]) => `${h} ×${n}`).join(', ') || 'none';
    return {
      title: `track() main-thread cost, three libraries in one page (${CALLS.toLocaleString('en')} calls each, after 1,000 warm-up)`,
      rows,
      notes: [
        `Timer: performance.now() ${r.isolated ? 'cross-origin isolated (5 µs resolution)' : 'NOT isolated (100 µs resolution)'}; the mean over the loops is exact. Calls in ${CALLS / ROUND} rounds of ${ROUND} per library, taking turns, with a yield between rounds.`,
        `insitu posts its batches outside track() (a scheduled task): ${r.posts} postMessage calls took ${round(r.postMs)} ms in all, ${round((1000 * r.postMs) / CALLS)} µs per event, not included above.`,
        `analytics-next 1.84 loaded with cdnSettings (no CDN fetch, no device-mode destination, Segment.io batching 100 events); search-insights 2.17 with init({ appId, apiKey, userToken }). Requests stubbed locally (never left the machine): ${hosts}.`,
      ],
    };
  } finally {
    await browser.close();
    rmSync(bundle.dir, { recursive: true, force: true });
  }
}
