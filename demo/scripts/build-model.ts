// MODEL STEP of `npm run demo` (issue 4): the demo shop's historical logs, simulated by the
// persona simulator on the demo catalog, then `insitu build` → demo/public/generated/insitu/model/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
      stray: 0.1 + rng.next() * 0.2,
    };
    if (rng.chance(0.2)) p.stopAfterDays = rng.int(10, 60);
    return p;
  });
}

/** Writes the logs and runs `insitu build`; throws (non-zero exit) when the CLI fails. */
export function buildDemoModel(): void {
  const insituDir = join(generatedDir, 'insitu');
  const catalogPath = join(insituDir, 'catalog.json');
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8')) as Catalog;
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
  const out = join(insituDir, 'model');
  execFileSync(
    process.execPath,
    [cli, 'build', '--catalog', catalogPath, '--events', csv, '--out', out],
    {
      stdio: 'inherit',
    },
  );
  console.log(`demo model: artifact in ${out}`);
}

buildDemoModel();
