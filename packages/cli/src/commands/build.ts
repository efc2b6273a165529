import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import type { HistoryEntry, TrainingData } from '@insitu/core';
import { InsituError } from '@insitu/core';
import { catalogHash } from '@insitu/model';
import { fitModel, fitProfile, serializeArtifact, writeArtifactDir } from '@insitu/model/node';
import { loadDataset, readCatalogFile } from '../data/index.ts';
import type { Command } from '../main.ts';
import { progressBar } from './progress-bar.ts';

const HELP = `usage: insitu build --catalog catalog.json [--events FILE]... --out DIR [--seed N] [--epochs N]

Trains the shop's model from its logs and writes the artifact the SDK loads (manifest.json,
embeddings.bin, encoder/model.json + weights.bin, neighbours.bin, popularity.bin, centroids.json,
intent.json: the profile's segment centroids and purchase-intent weights fitted from the logs).
Without --events it builds a content-only model from the catalog's text and categories.

  --catalog FILE   the shop's catalog.json (the same file the SDK fetches)
  --events FILE    logs: user,item,timestamp,event CSV, or JSONL of tracked events; repeatable
  --out DIR        where to write the artifact (e.g. public/insitu/)
  --seed N         seed of every random choice (default 42); same seed, same artifact
  --epochs N       encoder training epochs (default: by data size)`;

/**
 * Each user's history over catalog rows, first occurrence of each item only (as the eval protocol
 * trains), in time order. Log items missing from the catalog cannot be recommended and are counted.
 */
async function catalogSequences(paths: string[], ids: Map<string, number>) {
  const dataset = await loadDataset({ events: paths });
  let dropped = 0;
  const sequences: HistoryEntry[][] = dataset.sequences.map((s) => {
    const seen = new Set<number>();
    const out: HistoryEntry[] = [];
    for (const e of s) {
      const row = ids.get(dataset.itemIds[e.item]!);
      if (row === undefined) {
        dropped++;
        continue;
      }
      if (seen.has(row)) continue;
      seen.add(row);
      out.push({ item: row, ts: e.ts, kind: e.kind });
    }
    return out;
  });
  return {
    sequences: sequences.filter((s) => s.length > 0),
    dropped,
    interactions: dataset.interactions,
    dataset,
  };
}

/** `insitu build`: logs + catalog → model artifact. */
export const build: Command = async (args) => {
  const { values } = parseArgs({
    args,
    options: {
      catalog: { type: 'string' },
      events: { type: 'string', multiple: true, default: [] },
      out: { type: 'string' },
      seed: { type: 'string', default: '42' },
      epochs: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values.catalog === undefined || values.out === undefined) {
    throw new InsituError('invalid_input', `--catalog and --out are required.\n${HELP}`);
  }
  const seed = Number(values.seed);
  const epochs = values.epochs === undefined ? undefined : Number(values.epochs);
  if (
    !Number.isInteger(seed) ||
    (epochs !== undefined && !(Number.isInteger(epochs) && epochs > 0))
  ) {
    throw new InsituError(
      'invalid_input',
      '--seed and --epochs must be whole numbers (epochs ≥ 1).',
    );
  }
  const started = performance.now();
  const catalog = readCatalogFile(values.catalog);
  const ids = new Map(catalog.items.map((item, i) => [item.id, i]));
  const logs =
    values.events.length === 0
      ? { sequences: [], dropped: 0, interactions: 0, dataset: undefined }
      : await catalogSequences(values.events, ids);
  if (logs.dropped > 0) {
    console.error(
      `insitu build: ${logs.dropped} interactions name items missing from the catalog; skipped.`,
    );
  }
  const data: TrainingData = {
    itemCount: catalog.items.length,
    itemIds: catalog.items.map((i) => i.id),
    sequences: logs.sequences,
    seed,
  };
  const bar = progressBar(process.stderr);
  const parts = await fitModel(data, {
    ...(epochs === undefined ? {} : { epochs }),
    content: catalog.items,
    catalogHash: catalogHash(catalog),
    onProgress: bar.update,
  });
  if (logs.dataset !== undefined && logs.dataset.interactions > 0) {
    bar.update(1, 'profile: intent weights and segments');
    const profile = fitProfile(logs.dataset, catalog, seed);
    parts.profile = profile;
    const { intent } = profile;
    parts.manifest.profile = {
      segments: profile.centroids?.centroids.map((c) => c.id) ?? [],
      intent: intent.fitted ? 'fitted' : 'default',
      ...(intent.reason === undefined ? {} : { reason: intent.reason }),
      ...(intent.auc === null
        ? {}
        : { auc: { fitted: intent.auc.fitted, default: intent.auc.default } }),
    };
  }
  bar.done();
  const files = await serializeArtifact(parts);
  await writeArtifactDir(values.out, files);
  const bytes = [...files.values()].reduce((a, b) => a + b.length, 0);
  const gz = [...files.values()].reduce((a, b) => a + gzipSync(b).length, 0);
  const m = parts.manifest;
  const figures = m.eval['blend'];
  console.error(
    `insitu build: ${m.kind} model, ${m.itemCount} items, ${logs.sequences.length} users → ${values.out} ` +
      `(${(bytes / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzipped) in ` +
      `${((performance.now() - started) / 1000).toFixed(1)} s` +
      (figures === undefined
        ? ''
        : `; validation HR@10 ${figures.hr10.toFixed(4)}, NDCG@10 ${figures.ndcg10.toFixed(4)} (${figures.users} users)`),
  );
  const prof = m.profile;
  if (prof !== undefined) {
    console.error(
      `insitu build: profile segments [${prof.segments.join(', ')}]; intent weights ` +
        (prof.intent === 'fitted'
          ? `fitted` +
            (prof.auc === undefined
              ? ''
              : ` (held-out AUC ${prof.auc.fitted.toFixed(3)} vs defaults ${prof.auc.default.toFixed(3)})`)
          : `kept at the defaults: ${prof.reason ?? ''}`),
    );
  }
  return 0;
};
