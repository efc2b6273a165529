import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '@insitu/core';
import { InsituError } from '@insitu/core';
import { DatasetBuilder } from './dataset-builder.ts';
import { readEventsJsonl } from './events-jsonl.ts';
import { readInteractionsCsv } from './interactions-csv.ts';
import { readItemsCsv } from './items-csv.ts';

/** Where a dataset's files are. */
export interface DatasetFiles {
  /** Interaction logs: `.jsonl`/`.ndjson` files are tracked events, anything else is CSV. */
  events: string[];
  /** Optional `items.csv` metadata. */
  items?: string;
}

const isJsonl = (path: string) => /\.(jsonl|ndjson)$/i.test(path);

/** Reads logs (CSV and/or JSONL) and optional item metadata into one dataset. */
export async function loadDataset(files: DatasetFiles): Promise<Dataset> {
  const builder = new DatasetBuilder();
  for (const path of files.events) {
    if (isJsonl(path)) await readEventsJsonl(path, builder);
    else await readInteractionsCsv(path, builder);
  }
  const meta = files.items === undefined ? undefined : await readItemsCsv(files.items);
  return builder.build(meta);
}

/** Reads `DIR/interactions.csv` and, when present, `DIR/items.csv`. */
export async function loadDatasetDir(dir: string): Promise<Dataset> {
  const interactions = join(dir, 'interactions.csv');
  if (!existsSync(interactions)) {
    throw new InsituError('invalid_input', `${dir} has no interactions.csv.`, { field: dir });
  }
  const items = join(dir, 'items.csv');
  return loadDataset(
    existsSync(items) ? { events: [interactions], items } : { events: [interactions] },
  );
}
