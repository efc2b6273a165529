import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Catalog, ItemMeta } from '@insitu/core';
import { readItemsCsv } from '../../../packages/cli/src/data/index.ts';
import {
  createRng,
  generateCatalog,
  randomPersonas,
  simulateShoppers,
  toInteractionsCsv,
  type SimulatedShopper,
} from '../../personas/index.ts';

/** One file of a model artifact, raw and gzipped (level 9, as a CDN would serve it). */
export interface ArtifactFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What one `insitu build` run produced and cost. */
export interface BuildRun {
  wallSeconds: number;
  /** User + system CPU seconds and peak resident set of the build (from GNU time, if installed). */
  cpuSeconds?: number;
  maxRssMB?: number;
  files: ArtifactFile[];
  bytes: number;
  gzipBytes: number;
  /** The manifest's `training` block (users, interactions, epochs, backend, seconds). */
  training: Record<string, unknown>;
}

/** A generated shop on disk: its catalog, its simulated logs, and the shoppers behind them. */
export interface GeneratedShop {
  catalogFile: string;
  events: string;
  /** Rows of `events`. */
  interactions: number;
  shoppers: SimulatedShopper[];
}

/** Writes `dir`/catalog.json (`items` generated items) and `dir`/interactions.csv (simulated). */
export function writeGeneratedShop(
  dir: string,
  items: number,
  options: { shoppers: number; days: number },
): GeneratedShop {
  const catalog = generateCatalog(7, items);
  const shoppers = simulateShoppers(catalog, randomPersonas(createRng(3), options.shoppers), {
    seed: 5,
    start: Date.UTC(2026, 0, 1),
    days: options.days,
  });
  const catalogFile = join(dir, 'catalog.json');
  const events = join(dir, 'interactions.csv');
  writeFileSync(catalogFile, JSON.stringify(catalog));
  const csv = toInteractionsCsv(shoppers);
  writeFileSync(events, csv);
  const interactions = csv.split('\n').filter((l) => l !== '').length - 1;
  return { catalogFile, events, interactions, shoppers };
}

/** Every file under `dir` with its raw and gzip size, sorted by path. */
export function artifactSizes(dir: string): ArtifactFile[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .map((p) => {
      const data = readFileSync(p);
      return {
        file: relative(dir, p),
        bytes: data.length,
        gzipBytes: gzipSync(data, { level: 9 }).length,
      };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

const GNU_TIME = '/usr/bin/time';

/** Thrown when a build runs past `timeoutSeconds`; says how far it got. */
export class BuildTimeout extends Error {
  constructor(
    readonly seconds: number,
    readonly progress: string,
  ) {
    super(`insitu build stopped after ${seconds.toFixed(0)} s at "${progress}"`);
  }
}

/**
 * Runs the real CLI (`packages/cli/bin/insitu.mjs build`) in a child process, so the wall time
 * includes what a shop pays: start-up, parsing the logs, training, writing the artifact. Under
 * GNU time where installed, for CPU time and peak memory. Past `timeoutSeconds` the build is
 * killed and a BuildTimeout rejects.
 */
export async function runInsituBuild(
  repoRoot: string,
  args: { catalog: string; events: string; out: string; epochs?: number; timeoutSeconds?: number },
): Promise<BuildRun> {
  const cli = join(repoRoot, 'packages', 'cli', 'bin', 'insitu.mjs');
  const argv = [cli, 'build', '--catalog', args.catalog, '--events', args.events];
  argv.push(
    '--out',
    args.out,
    ...(args.epochs === undefined ? [] : ['--epochs', `${args.epochs}`]),
  );
  const timed = existsSync(GNU_TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'insitu-build-time-'));
  const timeFile = join(scratch, 'time.txt');
  const [command, commandArgs] = timed
    ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, process.execPath, ...argv]]
    : [process.execPath, argv];
  const started = performance.now();
  try {
    const tail = await new Promise<string>((resolve, reject) => {
      // Its own process group, so a timeout stops node and not only GNU time.
      const child = spawn(command, commandArgs, {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let err = '';
      let timedOut = false;
      // Progress comes a line per 10%; keep only the end for the error message.
      child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
      child.stdout.resume();
      const timer =
        args.timeoutSeconds === undefined
          ? undefined
          : setTimeout(() => {
              timedOut = true;
              if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
            }, args.timeoutSeconds * 1000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        const last = err.trim().split('\n').at(-1) ?? '';
        if (timedOut) reject(new BuildTimeout((performance.now() - started) / 1000, last));
        else if (code === 0) resolve(err);
        else reject(new Error(`insitu build exited ${code}: ${err}`));
      });
    });
    const wallSeconds = (performance.now() - started) / 1000;
    if (!tail.includes('insitu build:')) throw new Error(`unexpected build output: ${tail}`);
    const files = artifactSizes(args.out);
    const manifest = JSON.parse(readFileSync(join(args.out, 'manifest.json'), 'utf8')) as {
      training?: Record<string, unknown>;
    };
    const [user, sys, rssKB] = timed
      ? readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number)
      : [];
    return {
      wallSeconds,
      ...(user === undefined || sys === undefined ? {} : { cpuSeconds: user + sys }),
      ...(rssKB === undefined ? {} : { maxRssMB: rssKB / 1024 }),
      files,
      bytes: files.reduce((a, f) => a + f.bytes, 0),
      gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
      training: manifest.training ?? {},
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * A catalog for a dataset folder: its `items.csv` where there is one, otherwise every item id of
 * `interactions.csv` with a placeholder title (the build needs a catalog row per item).
 */
export async function datasetCatalog(dir: string, outFile: string): Promise<number> {
  const meta = existsSync(join(dir, 'items.csv'))
    ? await readItemsCsv(join(dir, 'items.csv'))
    : new Map<string, ItemMeta>();
  const ids = new Set(meta.keys());
  const lines = readFileSync(join(dir, 'interactions.csv'), 'utf8').split('\n');
  const col = (lines[0] ?? '').split(',').indexOf('item');
  if (col < 0) throw new Error(`${dir}/interactions.csv has no "item" column`);
  for (const line of lines.slice(1)) {
    const id = line.split(',')[col]?.trim();
    if (id) ids.add(id);
  }
  const catalog: Catalog = {
    items: [...ids].map((id) => {
      const m = meta.get(id);
      return {
        id,
        title: m?.title ?? `item ${id}`,
        categories: m?.categories ?? [],
        inStock: true,
        tags: [],
        ...(m?.price === undefined ? {} : { price: m.price }),
      };
    }),
  };
  writeFileSync(outFile, JSON.stringify(catalog));
  return catalog.items.length;
}
