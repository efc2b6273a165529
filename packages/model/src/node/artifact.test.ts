import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '@insitu/core';
import { encodeHistory } from '../encoder/forward.ts';
import { weightShapes } from '../encoder/spec.ts';
import { InsituModel } from '../insitu-model.ts';
import type { ModelParts } from '../insitu-model.ts';
import { gzipBytes, MIN_NEIGHBOURS, neighboursWithinBudget } from './artifact-budget.ts';
import { topKNeighbours } from '../neighbours.ts';
import { covisScores } from '../blend.ts';
import { buildContentNeighbours } from './content-neighbours.ts';
import { buildCovisitation } from './covis-build.ts';
import { encodeBatch } from './encoder-graph.ts';
import { fitModel } from './fit.ts';
import { readArtifactDir, writeArtifactDir } from './files.node.ts';
import { serializeArtifact } from './serialize.ts';
import { setupTraining } from './tf-setup.ts';
import { tinyShop } from './tiny-shop.ts';

const createdAt = '2026-01-01T00:00:00.000Z';
const shop = tinyShop(5);
let parts: ModelParts;
let dir: string;

beforeAll(async () => {
  parts = await fitModel(shop.data, { epochs: 3, createdAt, holdoutCases: 60 });
  dir = await mkdtemp(join(tmpdir(), 'insitu-artifact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const history: HistoryEntry[] = [
  { item: 8, ts: 1, kind: 'view' },
  { item: 9, ts: 2, kind: 'cart' },
  { item: 10, ts: 3, kind: 'view' },
];

describe('model artifact', () => {
  it('round-trips through files: the loaded model scores exactly like the built one', async () => {
    await writeArtifactDir(dir, await serializeArtifact(parts));
    const loaded = await readArtifactDir(dir);
    const built = new InsituModel(parts);
    const a = await built.scoreHistory(history);
    const b = await loaded.scoreHistory(history);
    expect(b.length).toBe(shop.data.itemCount);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
    expect(loaded.manifest.itemIds).toEqual(shop.data.itemIds);
    expect(loaded.boughtTogether(8)).toEqual(
      built.boughtTogether(8).map(([j, s]) => [j, expect.closeTo(s, 5)]),
    );
  });

  it('ships content neighbours only when the blend weighs them, and scores them on load', async () => {
    expect((await serializeArtifact(parts)).has('content-neighbours.bin')).toBe(false);
    const withContent: ModelParts = {
      ...parts,
      contentNeighbours: buildContentNeighbours(shop.content, shop.data.itemCount)!,
      manifest: { ...parts.manifest, blend: { ...parts.manifest.blend, content: 1 } },
    };
    const other = await mkdtemp(join(tmpdir(), 'insitu-artifact-'));
    await writeArtifactDir(other, await serializeArtifact(withContent));
    const loaded = await readArtifactDir(other);
    await rm(other, { recursive: true, force: true });
    const a = await new InsituModel(withContent).scoreHistory(history);
    const b = await loaded.scoreHistory(history);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
    // The fused blend is, float for float, the weighted sum of the components.
    const c = await loaded.components(history);
    const w = loaded.manifest.blend;
    const sum = new Float32Array(c.popularity.length);
    sum.forEach((_, i) => (sum[i] = w.covis * c.covis[i]! + w.popularity * c.popularity[i]!));
    if (c.model !== null) sum.forEach((_, i) => (sum[i]! += w.model * c.model![i]!));
    expect(c.content).not.toBeNull();
    sum.forEach((_, i) => (sum[i]! += (w.content ?? 0) * c.content![i]!));
    expect(b).toEqual(sum);
    const plain = await new InsituModel(parts).scoreHistory(history);
    // Item 15 shares group 1's title terms with the history (items 8–10); item 0 does not.
    expect(b[15]! - plain[15]!).toBeGreaterThan(b[0]! - plain[0]! + 0.5);
  });

  it('ships sequence neighbours only when the blend weighs them, summed with their own recency', async () => {
    expect((await serializeArtifact(parts)).has('sequence-neighbours.bin')).toBe(false);
    const blend = { ...parts.manifest.blend, sequence: 0.5, sequenceRecency: 0.3 };
    const withSequence: ModelParts = {
      ...parts,
      sequenceNeighbours: buildCovisitation(shop.data.sequences, shop.data.itemCount),
      manifest: { ...parts.manifest, blend },
    };
    const other = await mkdtemp(join(tmpdir(), 'insitu-artifact-'));
    await writeArtifactDir(other, await serializeArtifact(withSequence));
    const loaded = await readArtifactDir(other);
    await rm(other, { recursive: true, force: true });
    const b = await loaded.scoreHistory(history);
    const c = await loaded.components(history);
    expect(c.sequence).not.toBeNull();
    // The sequence sum weighs the k-th latest item 0.3^k, not the neighbour table's recency.
    const latest = covisScores(withSequence.sequenceNeighbours!, history.slice(-1), 1);
    const all = covisScores(withSequence.sequenceNeighbours!, history, 0.3);
    expect(c.sequence).toEqual(all);
    expect(all).not.toEqual(latest);
    const plain = await new InsituModel(parts).scoreHistory(history);
    for (let i = 0; i < b.length; i++) {
      expect(b[i]! - plain[i]!).toBeCloseTo(0.5 * c.sequence![i]!, 5);
    }
  });

  it('trims the neighbour table to the best entries of each row when over the budget', async () => {
    // 20 neighbours per item (the tiny shop's own rows are short), weights falling slowly.
    const n = shop.data.itemCount;
    const rows = Array.from({ length: n }, (_, i) => {
      const row = new Map<number, number>();
      for (let k = 1; k <= 20; k++) row.set((i + k * 7) % n, 1 - k / 25);
      return row;
    });
    const wide: ModelParts = { ...parts, neighbours: topKNeighbours(rows, 20) };
    const rowLength = (t: ModelParts['neighbours'], i: number) => t.offsets[i + 1]! - t.offsets[i]!;
    const size = await gzipBytes(wide);
    expect(await neighboursWithinBudget(wide, size)).toBe(wide.neighbours); // fits: as built
    const trimmed = await neighboursWithinBudget(wide, size - 1);
    for (let i = 0; i < n; i++) {
      expect(rowLength(trimmed, i)).toBe(Math.min(16, rowLength(wide.neighbours, i)));
      // The row's best entries, in the same order.
      const start = wide.neighbours.offsets[i]!;
      expect([...trimmed.cols.subarray(trimmed.offsets[i]!, trimmed.offsets[i + 1]!)]).toEqual([
        ...wide.neighbours.cols.subarray(start, start + rowLength(trimmed, i)),
      ]);
    }
    expect(await gzipBytes({ ...wide, neighbours: trimmed })).toBeLessThan(size);
    const floor = await neighboursWithinBudget(wide, 0); // nothing fits: the fewest kept
    expect(rowLength(floor, 0)).toBe(MIN_NEIGHBOURS);
  });

  it('learns the walk: after items 8, 9, 10 the next item 11 ranks near the top', async () => {
    const scores = await new InsituModel(parts).scoreHistory(history);
    const seen = new Set(history.map((h) => h.item));
    const rank = [...scores.keys()]
      .filter((i) => !seen.has(i))
      .sort((x, y) => scores[y]! - scores[x]!)
      .indexOf(11);
    expect(rank).toBeLessThan(3);
    expect(parts.manifest.eval['blend']!.hr10).toBeGreaterThan(
      parts.manifest.eval['popularity']!.hr10,
    );
  });

  it('is deterministic for a seed and differs for another seed', async () => {
    const again = await fitModel(shop.data, { epochs: 3, createdAt, holdoutCases: 60 });
    const [x, y] = [await serializeArtifact(parts), await serializeArtifact(again)];
    for (const [path, bytes] of x) {
      if (path === 'manifest.json') continue;
      expect(Buffer.from(y.get(path)!).equals(Buffer.from(bytes)), path).toBe(true);
    }
    // Only the measured build time may differ between the manifests.
    const manifest = (f: typeof x) => {
      const m = JSON.parse(new TextDecoder().decode(f.get('manifest.json'))) as {
        training: { seconds?: number };
      };
      delete m.training.seconds;
      return m;
    };
    expect(manifest(y)).toEqual(manifest(x));
    const other = await fitModel(
      { ...shop.data, seed: 6 },
      { epochs: 3, createdAt, holdoutCases: 60 },
    );
    expect(Array.from(other.embeddings.values)).not.toEqual(Array.from(parts.embeddings.values));
  });

  it('runs the same encoder on the device as in training (JS forward = tfjs graph)', async () => {
    await setupTraining();
    const c = {
      dims: parts.manifest.dims,
      maxLen: parts.manifest.encoder!.maxLen,
      itemCount: shop.data.itemCount,
    };
    const vars = Object.fromEntries(
      weightShapes(c).map(([name, shape]) => [
        name,
        tf.variable(tf.tensor(parts.encoder![name]!, shape)),
      ]),
    );
    const out = encodeBatch(
      vars,
      c,
      {
        items: Int32Array.from(history, (h) => h.item + 1),
        kinds: Int32Array.from([0, 1, 0]),
        targets: new Int32Array(3),
        rows: 1,
        len: 3,
      },
      { rate: 0, seed: () => 0 },
    );
    const graph = (await out.data()).slice(2 * c.dims);
    tf.dispose([out, ...Object.values(vars)]);
    const table = parts.encoder!['item']!;
    const js = encodeHistory(history, parts.encoder!, c.dims, c.maxLen, (row, o) =>
      o.set(table.subarray(row * c.dims, (row + 1) * c.dims)),
    )!;
    for (let j = 0; j < c.dims; j++) expect(js[j]).toBeCloseTo(graph[j]!, 4);
  });

  it('refuses an artifact built for another catalog', async () => {
    await expect(readArtifactDir(dir, 'not-this-catalog')).resolves.toBeDefined(); // built without a catalog hash
    const withHash = { ...parts, manifest: { ...parts.manifest, catalogHash: 'abc' } };
    const other = await mkdtemp(join(tmpdir(), 'insitu-artifact-'));
    await writeArtifactDir(other, await serializeArtifact(withHash));
    await expect(readArtifactDir(other, 'xyz')).rejects.toMatchObject({
      code: 'artifact_mismatch',
    });
    await rm(other, { recursive: true, force: true });
  });
});
