import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../chromium.ts';

// tsx compiles with esbuild's keepNames, which wraps inner functions in `__name(...)`; functions
// passed to page.evaluate run in the page, where that helper does not exist.
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** What each spec receives. */
export interface E2EContext {
  /** Origin of the static server (built demo + fixture pages), e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** Where specs write screenshots (gitignored). */
  artifacts: string;
  /** A fresh context with in-memory storage. */
  context(): Promise<BrowserContext>;
  /** A fresh persistent context (real on-disk IndexedDB) in a new temp profile directory. */
  persistentContext(): Promise<BrowserContext>;
}

/** One end-to-end test. */
export interface E2ESpec {
  name: string;
  /** A reason to skip the spec in this run, or undefined to run it. */
  skip?: () => string | undefined;
  run(ctx: E2EContext): Promise<void>;
}

const launchOptions = { executablePath: chromiumPath, args: chromiumArgs, headless: true };

/** Launches Chromium and hands out contexts; `close()` ends everything and removes temp profiles. */
export async function startBrowser(baseUrl: string, artifacts: string) {
  const browser: Browser = await chromium.launch(launchOptions);
  const profiles: string[] = [];
  const persistent: BrowserContext[] = [];
  const ctx: E2EContext = {
    baseUrl,
    artifacts,
    async context() {
      const c = await browser.newContext({ baseURL: baseUrl });
      await c.addInitScript(NAME_SHIM);
      return c;
    },
    async persistentContext() {
      const dir = mkdtempSync(join(tmpdir(), 'insitu-e2e-'));
      profiles.push(dir);
      const c = await chromium.launchPersistentContext(dir, { ...launchOptions, baseURL: baseUrl });
      await c.addInitScript(NAME_SHIM);
      persistent.push(c);
      return c;
    },
  };
  return {
    ctx,
    async close() {
      for (const c of persistent) await c.close().catch(() => undefined);
      await browser.close();
      for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
