import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { build } from 'vite';

/**
 * What `npm run bench` hands to each bench module. A module is any `test/bench/*-bench.ts` file
 * exporting either `bench: BenchFn`, or a pair `runXxxBench(): Promise<result>` (called with no
 * arguments) and optional `formatXxxBench(result): string` (markdown). The runner imports every
 * such module and adds its sections to bench-results/bench.json and bench.md. Timings are
 * reported, never asserted.
 */
export interface BenchContext {
  /** Absolute path of the repository root. */
  repoRoot: string;
  /** Headless Debian Chromium, shared by all modules (in-memory storage contexts). */
  browser: Browser;
  /** A fresh persistent context (on-disk IndexedDB) in a new temp directory; the runner closes it. */
  persistentContext(): Promise<BrowserContext>;
  /**
   * Origin of a static server (COOP/COEP set, so performance.now() has fine resolution) serving:
   * `/insitu/` = packages/sdk/dist plus `/insitu/catalog.json` (the demo catalog, 360 items), and
   * `/bench/blank.html`, a page that pastes dist/snippet.min.js verbatim.
   */
  baseUrl: string;
  /**
   * Serves more folders (first match wins) on 127.0.0.1 with the same COOP/COEP headers, e.g. a
   * module's own bench page and worker; returns the origin. The runner stops it at the end.
   */
  serve(roots: string[]): Promise<string>;
  /** Progress output (stderr), so bench.md stays clean. */
  log(message: string): void;
}

/** One section of the report: a heading, a table (same keys in every row), optional notes. */
export interface BenchSection {
  title: string;
  rows: Record<string, string | number>[];
  notes?: string[];
  /** Markdown written as is after the table (from a module's `formatXxxBench`). */
  markdown?: string;
  /** The module's raw result, kept in bench.json. */
  data?: unknown;
}

/** The export each bench module provides. */
export type BenchFn = (ctx: BenchContext) => Promise<BenchSection | BenchSection[]>;

/** Median and other quantiles of a sample (sorted copy; nearest-rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Rounds for display: 3 significant decimals below 10, fewer above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const digits = Math.abs(x) < 1 ? 4 : Math.abs(x) < 10 ? 3 : Math.abs(x) < 1000 ? 1 : 0;
  return Number(x.toFixed(digits));
}

/**
 * Bundles `entry` (a bench page's script) into one IIFE in a new temp folder, for
 * `page.addScriptTag({ path: file })`; the caller removes `dir`.
 */
export async function bundleIife(
  entry: string,
  name: string,
): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), `insitu-${name}-bench-`));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: true,
      target: 'es2022',
      lib: { entry, formats: ['iife'], name, fileName: () => `${name}.js` },
    },
  });
  return { dir, file: join(dir, `${name}.js`) };
}
