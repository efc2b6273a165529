// Vitest globalSetup of the browser project: builds a tiny model artifact in Node with the real
// `insitu build` command, and the Node model's scores for a few histories, into
// packages/sdk/.tmp/model-test/ (gitignored), which the browser tests fetch from Vite's server.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FILES } from '@insitu/model';
import { buildContentNeighbours, encodeNeighbours, readArtifactDir } from '@insitu/model/node';
import { build } from '../../cli/src/commands/build.ts';
import { TEST_HISTORIES, testCatalog, testInteractions } from './model-test-shop.ts';

const dir = fileURLToPath(new URL('../.tmp/model-test/', import.meta.url));

export default async function setup(): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const catalog = testCatalog();
  await writeFile(`${dir}catalog.json`, JSON.stringify(catalog));
  await writeFile(`${dir}interactions.csv`, testInteractions());
  const args = ['--catalog', `${dir}catalog.json`, '--events', `${dir}interactions.csv`];
  const code = await build([...args, '--out', `${dir}model`, '--epochs', '2', '--seed', '7']);
  if (code !== 0) throw new Error(`insitu build exited with ${code}`);
  // This shop is so regular that the tuned blend may be co-visitation alone; fix weights that use
  // every signal, so the round trip runs the encoder, the engine's dot products and the content and
  // sequence neighbours (written here when the build did not ship them) too.
  const manifestPath = `${dir}model/manifest.json`;
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    blend: object;
    files: Record<string, number>;
  };
  if (manifest.files[FILES.contentNeighbours] === undefined) {
    const table = buildContentNeighbours(catalog.items, catalog.items.length)!;
    const bytes = encodeNeighbours(table);
    await writeFile(`${dir}model/${FILES.contentNeighbours}`, bytes);
    manifest.files[FILES.contentNeighbours] = bytes.length;
  }
  // The build's own neighbour table stands in for the sequence table beside it: what runs here is
  // that the worker loads a second table and sums it with its own recency.
  if (manifest.files[FILES.sequenceNeighbours] === undefined) {
    const bytes = await readFile(`${dir}model/${FILES.neighbours}`);
    await writeFile(`${dir}model/${FILES.sequenceNeighbours}`, bytes);
    manifest.files[FILES.sequenceNeighbours] = bytes.length;
  }
  manifest.blend = {
    ...manifest.blend,
    model: 1,
    temperature: 1,
    covis: 0.5,
    popularity: 0.1,
    content: 0.3,
    sequence: 0.2,
    sequenceRecency: 0.3,
  };
  await writeFile(manifestPath, JSON.stringify(manifest));
  // What Node scores for each history: the browser must reproduce it from the same files.
  const model = await readArtifactDir(`${dir}model`);
  if ((await model.components([{ item: 0, ts: 1, kind: 'view' }])).sequence === null)
    throw new Error('the test artifact does not use its sequence neighbours');
  const index = new Map(catalog.items.map((item, i) => [item.id, i]));
  const expected = await Promise.all(
    TEST_HISTORIES.map(async (ids) => {
      const history = ids.map((id, k) => ({
        item: index.get(id)!,
        ts: k + 1,
        kind: 'view' as const,
      }));
      return { ids, scores: Array.from(await model.scoreHistory(history)) };
    }),
  );
  await writeFile(
    `${dir}expected.json`,
    JSON.stringify({ itemIds: model.manifest.itemIds, expected }),
  );
}
