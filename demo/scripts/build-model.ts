// MODEL STEP of `npm run demo` (issue 4): the demo shop's historical logs, simulated by the
// persona simulator on the demo catalog, then `insitu build` → demo/public/generated/insitu/model/.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '@insitu/core';
import {
  createRng,
  simulateShoppers,
  toInteractionsCsv,
  type Persona,
  type Rng,
} from '../../test/personas/index.ts';
import { generatedDir } from './generate.ts';

const SHOPPERS = 600;
const DAYS = 90;

/**
 * Shoppers with coherent tastes for this shop: most love one department (one or two of its
 * subcategories), some a second one too. Favourites are leaf category names, as the simulator
 * shelves items by leaf.
 */
function demoPersonas(catalog: Catalog, rng: Rng, count: number): Persona[] {
  const leavesByDept = new Map<string, Set<string>>();
  for (const item of catalog.items) {
    const dept = item.categories[1] ?? '';
    const leaf = item.categories.at(-1) ?? '';
    leavesByDept.set(dept, (leavesByDept.get(dept) ?? new Set()).add(leaf));
  }
  const depts = [...leavesByDept.values()].map((s) => [...s]);
  const pickFrom = <T>(xs: T[]): T => xs[rng.int(0, xs.length - 1)] as T;
  return Array.from({ length: count }, (_, i): Persona => {
    const home = pickFrom(depts);
    const favourites = [pickFrom(home)];
    if (rng.chance(0.6)) favourites.push(pickFrom(home));
    if (rng.chance(0.35)) favourites.push(pickFrom(pickFrom(depts)));
    const p: Persona = {
      id: `u${String(i + 1).padStart(4, '0')}`,
      favourites: [...new Set(favourites)],
      budget: pickFrom(['budget', 'mid', 'mid', 'premium'] as const),
      visitEveryDays: 1 + rng.exp(6),
      viewsPerVisit: 3 + rng.exp(4),
      addRate: 0.05 + rng.next() * 0.25,
      buyRate: 0.1 + rng.next() * 0.6,
      reviewRate: rng.next() * 0.3,
      coupons: rng.chance(0.2),
      lang: rng.chance(0.15) ? 'zh' : 'en',
      // Little straying: the demo wants visible structure in its logs (tastes stay in a department).
      stray: 0.03 + rng.next() * 0.05,
    };
    if (rng.chance(0.2)) p.stopAfterDays = rng.int(10, 60);
    return p;
  });
}

/** Writes the logs and runs `insitu build`; throws (non-zero exit) when the CLI fails. */
export function buildDemoModel(): void {
  const insituDir = join(generatedDir, 'insitu');
  const catalogPath = join(insituDir, 'catalog.json');
  const catalogText = readFileSync(catalogPath, 'utf8');
  const out = join(insituDir, 'model');
  // Training takes about a minute: reuse the artifact while nothing it depends on has changed.
  const stamp = inputsStamp(catalogText);
  const stampFile = resolve(import.meta.dirname, '..', '.tmp', 'model-inputs');
  if (
    process.env['DEMO_REBUILD_MODEL'] !== '1' &&
    existsSync(join(out, 'manifest.json')) &&
    existsSync(stampFile) &&
    readFileSync(stampFile, 'utf8') === stamp
  ) {
    console.log('demo model: up to date (DEMO_REBUILD_MODEL=1 rebuilds it)');
    return;
  }
  const catalog = JSON.parse(catalogText) as Catalog;
  const rng = createRng(20261122);
  const start = Date.now() - DAYS * 86_400_000;
  const shoppers = simulateShoppers(catalog, demoPersonas(catalog, rng, SHOPPERS), {
    seed: 11,
    start,
    days: DAYS,
  });
  // Not under the public folder: the shop's logs are build input, never served.
  const logsDir = resolve(import.meta.dirname, '..', '.tmp', 'logs');
  mkdirSync(logsDir, { recursive: true });
  const csv = join(logsDir, 'interactions.csv');
  writeFileSync(csv, toInteractionsCsv(shoppers));
  const rows = readFileSync(csv, 'utf8').split('\n').length - 2;
  console.log(`demo model: ${shoppers.length} simulated shoppers, ${rows} interactions → ${csv}`);
  const cli = resolve(import.meta.dirname, '..', '..', 'packages', 'cli', 'bin', 'insitu.mjs');
  execFileSync(
    process.execPath,
    [cli, 'build', '--catalog', catalogPath, '--events', csv, '--out', out],
    {
      stdio: 'inherit',
    },
  );
  writeFileSync(stampFile, stamp);
  console.log(`demo model: artifact in ${out}`);
}

/** Newest modification time of any file under `dir`. */
function newest(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).reduce(
    (max, f) => Math.max(max, statSync(join(dir, f)).mtimeMs),
    0,
  );
}

/** What the artifact depends on: the catalog, this script's settings, the model and CLI code. */
function inputsStamp(catalogText: string): string {
  const root = resolve(import.meta.dirname, '..', '..');
  const code = ['packages/model/src', 'packages/cli/src', 'packages/core/src', 'test/personas'];
  const parts = [catalogText, SHOPPERS, DAYS, ...code.map((d) => newest(join(root, d)))];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

buildDemoModel();
