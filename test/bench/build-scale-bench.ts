import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '@insitu/core';
import {
  createRng,
  generateCatalog,
  randomPersonas,
  simulateShoppers,
  toInteractionsCsv,
} from '../personas/index.ts';
import { round, type BenchContext, type BenchSection } from './bench-types.ts';
import { BuildTimeout, runInsituBuild } from './model/build-artifact.ts';

const ITEMS = 10_000;
const DAYS = 90;
/** Log sizes; `BENCH_SCALE_ROWS=100000,1000000` runs only some. */
const SIZES = (process.env['BENCH_SCALE_ROWS'] ?? '100000,1000000,5000000').split(',').map(Number);
/** A build running longer is stopped and reported as a lower bound. */
const TIMEOUT_S = Number(process.env['BENCH_SCALE_TIMEOUT'] ?? '1200');
/** Shoppers simulated at a time, so the bench holds one batch of events, not the whole log. */
const BATCH = 100;

const load = () => loadavg()[0]?.toFixed(1) ?? '?';

/**
 * Writes `file`: persona-simulated shoppers over DAYS days (about 200 rows and 100 distinct
 * items each), batch by batch until at least `rows` rows. Rows are time-sorted within a batch
 * only; the CLI sorts each user's history. Returns the rows written.
 */
function writeLog(catalog: Catalog, file: string, rows: number): number {
  const personas = randomPersonas(createRng(3), Math.ceil(rows / 50));
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    for (let b = 0; written < rows && b * BATCH < personas.length; b++) {
      const batch = personas.slice(b * BATCH, (b + 1) * BATCH);
      const shoppers = simulateShoppers(catalog, batch, {
        seed: 5 + b,
        start: Date.UTC(2026, 0, 1),
        days: DAYS,
      });
      const lines = toInteractionsCsv(shoppers).split('\n');
      const body = lines.slice(1).filter((l) => l !== '');
      writeSync(fd, (b === 0 ? `${lines[0]}\n` : '') + body.join('\n') + '\n');
      written += body.length;
    }
  } finally {
    closeSync(fd);
  }
  return written;
}

/**
 * How `insitu build` cost grows with the log (`BENCH_ONLY=build-scale`, not in the default run):
 * one generated 10k-item catalog, simulated logs of about 100k, 1M and 5M rows, each built by the
 * real CLI in a child process (default epochs) — wall and CPU time, peak memory, epochs, artifact.
 */
export async function bench(ctx: BenchContext): Promise<BenchSection> {
  const dir = mkdtempSync(join(tmpdir(), 'insitu-build-scale-'));
  const rows: Record<string, string | number>[] = [];
  const notes: string[] = [];
  try {
    const catalog = generateCatalog(7, ITEMS);
    const catalogFile = join(dir, 'catalog.json');
    writeFileSync(catalogFile, JSON.stringify(catalog));
    for (const target of SIZES) {
      const events = join(dir, `interactions-${target}.csv`);
      const generated = performance.now();
      const logRows = writeLog(catalog, events, target);
      ctx.log(
        `build-scale: ${logRows} rows generated in ${round((performance.now() - generated) / 1000)} s; insitu build (load ${load()})…`,
      );
      const out = join(dir, `model-${target}`);
      mkdirSync(out, { recursive: true });
      const loadBefore = load();
      try {
        const run = await runInsituBuild(ctx.repoRoot, {
          catalog: catalogFile,
          events,
          out,
          timeoutSeconds: TIMEOUT_S,
        });
        const t = run.training;
        rows.push({
          'log rows': logRows,
          users: String(t['users'] ?? '–'),
          'distinct user-items': String(t['interactions'] ?? '–'),
          epochs: String(t['epochs'] ?? '–'),
          'wall s': round(run.wallSeconds),
          'CPU s': run.cpuSeconds === undefined ? '–' : round(run.cpuSeconds),
          'peak RSS MB': run.maxRssMB === undefined ? '–' : Math.round(run.maxRssMB),
          'artifact KB': Math.round(run.bytes / 1024),
          'gzip KB': Math.round(run.gzipBytes / 1024),
          'load before → after': `${loadBefore} → ${load()}`,
        });
      } catch (error) {
        if (!(error instanceof BuildTimeout)) throw error;
        rows.push({
          'log rows': logRows,
          users: '–',
          'distinct user-items': '–',
          epochs: '–',
          'wall s': `> ${round(error.seconds)} (stopped at "${error.progress}")`,
          'CPU s': '–',
          'peak RSS MB': '–',
          'artifact KB': '–',
          'gzip KB': '–',
          'load before → after': `${loadBefore} → ${load()}`,
        });
      }
      ctx.log(`build-scale: ${JSON.stringify(rows.at(-1))}`);
      rmSync(events, { force: true });
      rmSync(out, { recursive: true, force: true });
    }
    notes.push(
      `Catalog: ${ITEMS} generated items; logs: persona-simulated shoppers over ${DAYS} days (user,item,timestamp,event CSV). ` +
        `CPU s is user + system and peak RSS the maximum resident set, both from GNU time; load the 1-min load average. ` +
        `A build past ${TIMEOUT_S} s (BENCH_SCALE_TIMEOUT) is stopped and its wall time is a lower bound.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { title: 'insitu build cost by log size (10k items)', rows, notes };
}
