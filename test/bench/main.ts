import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { generateDemoCatalog } from '../../demo/scripts/generate-catalog.ts';
import { serveStatic } from '../../demo/scripts/static-server.mjs';
import { SNIPPET_FILE, snippetTag } from '../../demo/snippet-plugin.ts';
import { chromiumArgs, chromiumPath } from '../chromium.ts';
import type { BenchContext, BenchFn, BenchSection } from './bench-types.ts';
import { runtimeBench } from './runtime.ts';
import { bundleSizes } from './sizes.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const sdkDist = join(repoRoot, 'packages', 'sdk', 'dist');
const outDir = join(repoRoot, 'bench-results');

/** A site with the built SDK at /insitu/ and a bare page pasting the snippet at /bench/blank.html. */
function writeSite(dir: string): void {
  cpSync(sdkDist, join(dir, 'insitu'), { recursive: true });
  writeFileSync(
    join(dir, 'insitu', 'catalog.json'),
    JSON.stringify(generateDemoCatalog({ seed: 42 })),
  );
  mkdirSync(join(dir, 'bench'), { recursive: true });
  const snippet = snippetTag(readFileSync(SNIPPET_FILE, 'utf8').trim());
  const marks =
    '<script>window.__snippetAt = performance.now();</script>' +
    snippet +
    '<script>window.insitu.ready().then(() => { window.__readyAt = performance.now(); });</script>';
  writeFileSync(
    join(dir, 'bench', 'blank.html'),
    `<!doctype html><html><head><meta charset="utf-8">${marks}</head><body>bench</body></html>\n`,
  );
}

type BenchModule = Record<string, unknown>;

/** Calls a module's `bench`, or its `runXxxBench` (+ `formatXxxBench`) pair. */
async function sectionsOf(
  file: string,
  mod: BenchModule,
  ctx: BenchContext,
): Promise<BenchSection[]> {
  if (typeof mod['bench'] === 'function') {
    const result = await (mod['bench'] as BenchFn)(ctx);
    return Array.isArray(result) ? result : [result];
  }
  const run = Object.keys(mod).find((k) => /^run\w*Bench$/.test(k));
  if (!run || typeof mod[run] !== 'function')
    throw new Error('exports neither `bench` nor `run…Bench`');
  const data: unknown = await (mod[run] as () => Promise<unknown>)();
  const format = Object.keys(mod).find((k) => /^format\w*Bench$/.test(k));
  const markdown = format ? (mod[format] as (d: unknown) => string)(data) : undefined;
  const rows = (data as { rows?: unknown }).rows;
  const tableRows =
    !markdown && Array.isArray(rows) ? (rows as Record<string, string | number>[]) : [];
  return [
    { title: file.replace(/\.ts$/, ''), rows: tableRows, data, ...(markdown ? { markdown } : {}) },
  ];
}

/**
 * `BENCH_ONLY=track,ingest` runs only those sections: `sizes`, `ready`, `track`, `ingest`, and
 * each `*-bench.ts` module by its name without the suffix (`profile`, `model`, `recommend`).
 * Unset: everything except the slow OPT_IN sections, which run only when named.
 */
const onlyKeys = (process.env['BENCH_ONLY'] ?? '')
  .split(',')
  .map((k) => k.trim())
  .filter(Boolean);
/** Sections too slow for the default run (`build-scale`: builds of up to 5M log rows). */
const OPT_IN = new Set(['build-scale']);
const only = (key: string) => (onlyKeys.length === 0 ? !OPT_IN.has(key) : onlyKeys.includes(key));

/** Other helpers' modules: every test/bench/*-bench.ts (profile, model, …). */
async function hookSections(ctx: BenchContext): Promise<BenchSection[]> {
  const out: BenchSection[] = [];
  const modules = readdirSync(import.meta.dirname)
    .filter((f) => f.endsWith('-bench.ts') && only(f.slice(0, -'-bench.ts'.length)))
    .sort();
  for (const file of modules) {
    ctx.log(`bench: ${file}`);
    try {
      const mod = (await import(
        pathToFileURL(join(import.meta.dirname, file)).href
      )) as BenchModule;
      out.push(...(await sectionsOf(file, mod, ctx)));
    } catch (error) {
      const message = String(error instanceof Error ? error.stack : error);
      out.push({ title: `${file}: failed`, rows: [], notes: [message] });
    }
  }
  return out;
}

function markdown(sections: BenchSection[], meta: Record<string, string>): string {
  const lines = ['# insitu bench', '', ...Object.entries(meta).map(([k, v]) => `- ${k}: ${v}`), ''];
  for (const s of sections) {
    lines.push(`## ${s.title}`, '');
    const first = s.rows[0];
    if (first) {
      const keys = Object.keys(first);
      lines.push(`| ${keys.join(' | ')} |`, `|${keys.map(() => '---').join('|')}|`);
      for (const row of s.rows)
        lines.push(`| ${keys.map((k) => String(row[k] ?? '')).join(' | ')} |`);
      lines.push('');
    }
    if (s.markdown) lines.push(s.markdown, '');
    for (const n of s.notes ?? []) lines.push(`> ${n.replace(/\n/g, '\n> ')}`, '');
  }
  return lines.join('\n');
}

/** Runs every section and writes bench-results/bench.json and bench.md. */
export async function runBench(): Promise<void> {
  const site = mkdtempSync(join(tmpdir(), 'insitu-bench-site-'));
  writeSite(site);
  const headers = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  };
  const server = await serveStatic({ roots: [site], headers });
  const extraServers: { close(): Promise<void> }[] = [];
  const launch = { executablePath: chromiumPath, args: chromiumArgs, headless: true };
  const browser = await chromium.launch(launch);
  const contexts: BrowserContext[] = [];
  const profiles: string[] = [];
  const ctx: BenchContext = {
    repoRoot,
    browser,
    baseUrl: server.url,
    log: (m) => process.stderr.write(`${m}\n`),
    async serve(roots) {
      const extra = await serveStatic({ roots, headers });
      extraServers.push(extra);
      return extra.url;
    },
    async persistentContext() {
      const dir = mkdtempSync(join(tmpdir(), 'insitu-bench-'));
      profiles.push(dir);
      const c = await chromium.launchPersistentContext(dir, launch);
      contexts.push(c);
      return c;
    },
  };
  const started = Date.now();
  const sections: BenchSection[] = [];
  try {
    if (only('sizes')) sections.push(bundleSizes(sdkDist));
    sections.push(...(await runtimeBench(ctx, only)), ...(await hookSections(ctx)));
  } finally {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser.close();
    await server.close();
    for (const extra of extraServers) await extra.close();
    for (const d of [site, ...profiles]) rmSync(d, { recursive: true, force: true });
  }
  const meta = {
    date: new Date().toISOString(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    browser: `${chromiumPath} ${browser.version()} (headless)`,
    seconds: String(Math.round((Date.now() - started) / 1000)),
    ...(onlyKeys.length > 0 ? { sections: `BENCH_ONLY=${onlyKeys.join(',')}` } : {}),
  };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'bench.json'), `${JSON.stringify({ meta, sections }, null, 2)}\n`);
  const md = markdown(sections, meta);
  writeFileSync(join(outDir, 'bench.md'), md);
  console.log(md);
}
