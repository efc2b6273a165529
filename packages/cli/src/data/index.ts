export { DatasetBuilder } from './dataset-builder.ts';
export { readInteractionsCsv, parseTimestamp } from './interactions-csv.ts';
export { readItemsCsv } from './items-csv.ts';
export { readEventsJsonl, SINGLE_USER } from './events-jsonl.ts';
export { loadDataset, loadDatasetDir } from './load.ts';
export type { DatasetFiles } from './load.ts';
export { readCsv, splitCsv } from './csv.ts';
export { readLines } from './lines.ts';
export { readTextFile, readJsonFile, readCatalogFile } from './read-files.ts';
