// Review text is scored with the lexicons (registered on import).
import '@insitu/core/sentiment';
import {
  buildCatalogIndex,
  buildProfile,
  createProfileState,
  foldEvent,
  type StoredEvent,
} from '@insitu/core';
import { generateCatalog, PERSONAS, simulateShopper, toStoredEvents } from '../personas/index.ts';

/** One row of the profile benchmark. */
export interface ProfileBenchRow {
  /** Events folded into the state. */
  events: number;
  /** `buildProfile` on the persisted state (what `insitu.profile()` costs), median ms. */
  profileMs: number;
  /** Same, 99th percentile ms. */
  profileP99Ms: number;
  /** Rebuilding the state from all stored events, then the profile (no persisted state), ms. */
  rebuildMs: number;
  /** Size of the folded state as JSON, bytes (what the worker keeps in IndexedDB). */
  stateBytes: number;
}

/** Everything `runProfileBench` measured. */
export interface ProfileBenchResult {
  catalogItems: number;
  /** Building the catalog index (tokenise + TF-IDF + price ranks), ms. */
  catalogIndexMs: number;
  /** Mean cost of folding one event, microseconds (over the largest run). */
  foldUsPerEvent: number;
  rows: ProfileBenchRow[];
}

const quantile = (sorted: readonly number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

function eventsFor(count: number, catalog: ReturnType<typeof generateCatalog>): StoredEvent[] {
  // A heavy shopper over a long period gives a realistic mix (views, carts, orders, reviews).
  const persona = { ...PERSONAS.runner, visitEveryDays: 0.7, viewsPerVisit: 12 };
  const tracked = simulateShopper(persona, catalog, { seed: 99, days: Math.ceil(count / 12) });
  return toStoredEvents(tracked.slice(0, count));
}

/**
 * Measures the profile in Node (same code as the worker): profile() latency for 100, 1k and 10k
 * stored events, fold cost per event and catalog index build time. Takes a few seconds.
 */
export async function runProfileBench(
  options: { sizes?: number[]; catalogItems?: number; repeats?: number } = {},
): Promise<ProfileBenchResult> {
  const sizes = options.sizes ?? [100, 1_000, 10_000];
  const repeats = options.repeats ?? 50;
  const catalog = generateCatalog(1, options.catalogItems ?? 2_000);
  let t = performance.now();
  const index = buildCatalogIndex(catalog);
  const catalogIndexMs = performance.now() - t;
  const all = eventsFor(Math.max(...sizes), catalog);
  // Warm the JIT on a throwaway state, so the per-event figure is the steady-state cost.
  const warm = createProfileState();
  for (const e of all) foldEvent(warm, e, index);
  const rows: ProfileBenchRow[] = [];
  let foldUsPerEvent = 0;
  for (const size of sizes) {
    const events = all.slice(0, size);
    const now = (events.at(-1)?.ts ?? 0) + 60_000;
    t = performance.now();
    const state = createProfileState();
    for (const e of events) foldEvent(state, e, index);
    const foldMs = performance.now() - t;
    buildProfile(state, index, now);
    const rebuildMs =
      foldMs +
      (() => {
        const t0 = performance.now();
        buildProfile(state, index, now);
        return performance.now() - t0;
      })();
    foldUsPerEvent = (foldMs * 1000) / events.length;
    const times: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      buildProfile(state, index, now);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    rows.push({
      events: events.length,
      profileMs: quantile(times, 0.5),
      profileP99Ms: quantile(times, 0.99),
      rebuildMs,
      stateBytes: JSON.stringify(state).length,
    });
    await new Promise((r) => setTimeout(r, 0));
  }
  return { catalogItems: catalog.items.length, catalogIndexMs, foldUsPerEvent, rows };
}

/** The result as a markdown section for the bench report. */
export function formatProfileBench(r: ProfileBenchResult): string {
  const f = (x: number) => x.toFixed(x < 10 ? 2 : 1);
  return [
    `### Profile (Node, ${r.catalogItems}-item catalog)`,
    '',
    `Catalog index: ${f(r.catalogIndexMs)} ms · fold: ${f(r.foldUsPerEvent)} µs/event`,
    '',
    '| stored events | profile() p50 ms | p99 ms | rebuild from events ms | state bytes |',
    '|---|---|---|---|---|',
    ...r.rows.map(
      (x) =>
        `| ${x.events} | ${f(x.profileMs)} | ${f(x.profileP99Ms)} | ${f(x.rebuildMs)} | ${x.stateBytes} |`,
    ),
  ].join('\n');
}

// Run directly: `npx tsx test/bench/profile-bench.ts`.
if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log(formatProfileBench(await runProfileBench()));
}
