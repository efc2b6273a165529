import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Catalog, ItemMeta } from '@insitu/core';
import { readItemsCsv } from '../../../packages/cli/src/data/index.ts';

/** One file of a model artifact, raw and gzipped (level 9, as a CDN would serve it). */
export interface ArtifactFile {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/** What one `insitu build` run produced and cost. */
export interface BuildRun {
  wallSeconds: number;
  files: ArtifactFile[];
  bytes: number;
  gzipBytes: number;
  /** The manifest's `training` block (users, interactions, epochs, backend, seconds). */
  training: Record<string, unknown>;
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

/**
 * Runs the real CLI (`packages/cli/bin/insitu.mjs build`) in a child process, so the wall time
 * includes what a shop pays: start-up, parsing the logs, training, writing the artifact.
 */
export async function runInsituBuild(
  repoRoot: string,
  args: { catalog: string; events: string; out: string; epochs?: number },
): Promise<BuildRun> {
  const cli = join(repoRoot, 'packages', 'cli', 'bin', 'insitu.mjs');
  const argv = [cli, 'build', '--catalog', args.catalog, '--events', args.events];
  argv.push(
    '--out',
    args.out,
    ...(args.epochs === undefined ? [] : ['--epochs', `${args.epochs}`]),
  );
  const started = performance.now();
  const tail = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    // The progress bar redraws with \r; keep only the end for the error message.
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(err) : reject(new Error(`insitu build exited ${code}: ${err}`)),
    );
  });
  const wallSeconds = (performance.now() - started) / 1000;
  if (!tail.includes('insitu build:')) throw new Error(`unexpected build output: ${tail}`);
  const files = artifactSizes(args.out);
  const manifest = JSON.parse(readFileSync(join(args.out, 'manifest.json'), 'utf8')) as {
    training?: Record<string, unknown>;
  };
  return {
    wallSeconds,
    files,
    bytes: files.reduce((a, f) => a + f.bytes, 0),
    gzipBytes: files.reduce((a, f) => a + f.gzipBytes, 0),
    training: manifest.training ?? {},
  };
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
