import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { catalogHash } from '@insitu/model';
import { readArtifactDir } from '@insitu/model/node';
import {
  createRng,
  generateCatalog,
  randomPersonas,
  shoppersToJsonl,
  simulateShoppers,
  toInteractionsCsv,
} from '../../../../test/personas/index.ts';
import { build } from './build.ts';

let dir: string;
const catalog = generateCatalog(4, 120);
const shoppers = simulateShoppers(catalog, randomPersonas(createRng(9), 60), { seed: 9 });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'insitu-build-'));
  await writeFile(join(dir, 'catalog.json'), JSON.stringify(catalog));
  await writeFile(join(dir, 'interactions.csv'), toInteractionsCsv(shoppers));
  await writeFile(join(dir, 'events.jsonl'), shoppersToJsonl(shoppers));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe('insitu build', () => {
  it('trains on interactions.csv and writes a loadable artifact for the catalog', async () => {
    const out = join(dir, 'model');
    const args = [
      '--catalog',
      join(dir, 'catalog.json'),
      '--events',
      join(dir, 'interactions.csv'),
    ];
    expect(await build([...args, '--out', out, '--epochs', '2', '--seed', '3'])).toBe(0);
    const model = await readArtifactDir(out, catalogHash(catalog));
    expect(model.manifest.kind).toBe('sequence');
    expect(model.manifest.itemIds).toEqual(catalog.items.map((i) => i.id));
    expect(model.manifest.eval['blend']!.users).toBeGreaterThan(0);
    const written = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as {
      files: Record<string, number>;
    };
    for (const [path, bytes] of Object.entries(written.files)) {
      expect((await readFile(join(out, path))).length).toBe(bytes);
    }
    const viewed = model.indexOf(catalog.items[0]!.id)!;
    const history: HistoryEntry[] = [{ item: viewed, ts: 1, kind: 'view' }];
    const scores = await model.scoreHistory(history);
    expect(scores.length).toBe(catalog.items.length);
    expect(scores.some((s) => s > 0)).toBe(true);

    // Same seed, same model.
    const again = join(dir, 'again');
    expect(await build([...args, '--out', again, '--epochs', '2', '--seed', '3'])).toBe(0);
    for (const file of ['embeddings.bin', 'neighbours.bin', 'encoder/weights.bin']) {
      expect((await readFile(join(again, file))).equals(await readFile(join(out, file)))).toBe(
        true,
      );
    }
  });

  it('reads JSONL of tracked events too', async () => {
    const out = join(dir, 'jsonl');
    const args = ['--catalog', join(dir, 'catalog.json'), '--events', join(dir, 'events.jsonl')];
    expect(await build([...args, '--out', out, '--epochs', '1'])).toBe(0);
    expect((await readArtifactDir(out)).manifest.training.interactions).toBeGreaterThan(0);
  });

  it('builds a content-only model without logs', async () => {
    const out = join(dir, 'content');
    expect(await build(['--catalog', join(dir, 'catalog.json'), '--out', out])).toBe(0);
    const model = await readArtifactDir(out);
    expect(model.manifest.kind).toBe('content');
    const item = catalog.items[5]!;
    const similar = model.similar(5, 3).map(([j]) => catalog.items[j]!);
    expect(similar.some((s) => s.categories.at(-1) === item.categories.at(-1))).toBe(true);
  });

  it('names the file and line of a bad row, and a bad catalog field', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'user,item,timestamp,event\nu1,p1,1,view\nu1,p2,not-a-time,view\n');
    const args = ['--catalog', join(dir, 'catalog.json'), '--events', bad, '--out', join(dir, 'x')];
    await expect(build(args)).rejects.toThrow(/bad\.csv.*3|line 3/);
    const badCatalog = join(dir, 'bad-catalog.json');
    await writeFile(badCatalog, JSON.stringify({ items: [{ id: 'a', title: 'A', price: -1 }] }));
    await expect(build(['--catalog', badCatalog, '--out', join(dir, 'y')])).rejects.toMatchObject({
      code: 'invalid_catalog',
      field: 'items[0].price',
    });
  });
});
