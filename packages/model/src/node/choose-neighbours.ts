import type { HistoryEntry } from '@insitu/core';
import type { HoldoutFigures } from '../artifact/manifest.ts';
import type { NeighbourTable } from '../neighbours.ts';
import { buildCovisitation } from './covis-build.ts';
import { holdoutScore } from './holdout.ts';
import { buildEaseNeighbours } from './ease-neighbours.ts';
import type { TuneResult } from './tune-blend.ts';

type Sequences = readonly (readonly HistoryEntry[])[];

/** One way to build the neighbour table, and what the artifact records for it. */
export interface NeighbourCandidate {
  label: string;
  source: 'covis' | 'ease';
  build: (sequences: Sequences, itemCount: number) => NeighbourTable | Promise<NeighbourTable>;
  /** This table built on the holdout's training part already, when the build has it. */
  onTrain?: NeighbourTable;
}

/**
 * The neighbour tables a build tries: sequential co-visitation ("Y after X", the default; the
 * build has it on the holdout's training part already, `covisOnTrain`), and EASE weights for each
 * λ when the catalog is small enough for the dense solve. (Co-visitation with its reverse
 * direction at 0.5 or 1 was tried on Beauty's holdout too and bought nothing.)
 */
export function neighbourCandidates(
  withEase: boolean,
  lambdas: readonly number[],
  covisOnTrain: NeighbourTable,
): NeighbourCandidate[] {
  const covis: NeighbourCandidate = {
    label: 'covis',
    source: 'covis',
    build: (s, n) => buildCovisitation(s, n),
    onTrain: covisOnTrain,
  };
  const ease = lambdas.map((lambda): NeighbourCandidate => ({
    label: `ease-${lambda}`,
    source: 'ease',
    build: (s, n) => buildEaseNeighbours(s, n, { lambda }),
  }));
  return withEase ? [covis, ...ease] : [covis];
}

/**
 * Tunes the blend with each candidate's table (built on the holdout's training part) and keeps
 * the first candidate that no later one beats on HR@10 + NDCG@10 + NDCG@100; each candidate's
 * blend figures are recorded as `<label>-blend`.
 */
export async function chooseNeighbours(
  candidates: readonly NeighbourCandidate[],
  train: Sequences,
  itemCount: number,
  tune: (table: NeighbourTable, source: NeighbourCandidate['source']) => TuneResult,
  onCandidate?: (label: string) => void,
): Promise<{ chosen: NeighbourCandidate; tuned: TuneResult }> {
  let best: { chosen: NeighbourCandidate; tuned: TuneResult } | null = null;
  const figures: Record<string, HoldoutFigures> = {};
  for (const candidate of candidates) {
    onCandidate?.(candidate.label);
    const table = candidate.onTrain ?? (await candidate.build(train, itemCount));
    const tuned = tune(table, candidate.source);
    figures[`${candidate.label}-blend`] = tuned.figures['blend']!;
    if (
      best === null ||
      holdoutScore(tuned.figures['blend']!) > holdoutScore(best.tuned.figures['blend']!)
    )
      best = { chosen: candidate, tuned };
  }
  best!.tuned.figures = { ...best!.tuned.figures, ...figures };
  return best!;
}
