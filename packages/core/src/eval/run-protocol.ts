import type { Dataset } from '../dataset.ts';
import { evaluateScorer } from './evaluate.ts';
import type { EvalOptions, EvalResult } from './evaluate.ts';
import { leaveOneOut } from './split.ts';
import { trainingDataOf } from './training-data-of.ts';
import type { FitOptions, FitScorer } from './training-data.ts';

/** What `runProtocol` reports: the JSON of `insitu eval --json`, minus the dataset name. */
export interface ProtocolReport {
  users: number;
  items: number;
  models: Record<string, Pick<EvalResult, 'full' | 'sampled' | 'halfWidth95'>>;
  /** Models that declined to run (e.g. a catalog too large for a dense solve), with the reason. */
  skipped: Record<string, string>;
  /** Fit and scoring time per model, in seconds. */
  timings: Record<string, { fit: number; eval: number }>;
}

/** Options of `runProtocol`. */
export interface ProtocolOptions extends EvalOptions {
  /** Seed passed to every fit (default 42). */
  fitSeed?: number;
  /** Passed to each fit. */
  fitOptions?: FitOptions;
  /** Called when a model starts fitting and when it starts scoring. */
  onStage?: (model: string, stage: 'fit' | 'eval') => void;
}

/**
 * The whole `insitu eval` protocol: splits the dataset once, fits every model on the same train
 * part and scores each with the same users, targets and sampled negatives.
 */
export async function runProtocol(
  dataset: Dataset,
  models: Readonly<Record<string, FitScorer>>,
  options: ProtocolOptions = {},
): Promise<ProtocolReport> {
  const split = leaveOneOut(dataset.sequences, dataset.itemIds.length);
  const data = trainingDataOf(dataset, split, options.fitSeed ?? 42);
  const report: ProtocolReport = {
    users: Math.min(split.users.length, options.maxUsers ?? Infinity),
    items: dataset.itemIds.length,
    models: {},
    skipped: {},
    timings: {},
  };
  for (const [name, fit] of Object.entries(models)) {
    options.onStage?.(name, 'fit');
    const t0 = Date.now();
    const scorer = await fit(data, options.fitOptions);
    const t1 = Date.now();
    const skipped = (scorer as { skipped?: unknown }).skipped;
    if (typeof skipped === 'string') {
      report.skipped[name] = skipped;
      continue;
    }
    options.onStage?.(name, 'eval');
    const result = await evaluateScorer(split, scorer, options);
    const t2 = Date.now();
    report.models[name] = {
      full: result.full,
      sampled: result.sampled,
      halfWidth95: result.halfWidth95,
    };
    report.timings[name] = { fit: (t1 - t0) / 1000, eval: (t2 - t1) / 1000 };
  }
  return report;
}
