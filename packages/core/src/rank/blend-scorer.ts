import type { HistoryEntry, Scorer } from '../scoring.ts';
import { blendSources } from './blend.ts';
import type { ScoreSource } from './types.ts';

/** Builds the candidate sources for one history (model scores, co-visitation, popularity…). */
export type SourcesFor = (
  history: readonly HistoryEntry[],
) => readonly ScoreSource[] | Promise<readonly ScoreSource[]>;

/**
 * A `Scorer` that ranks through the same blend as `rankItems` (normalise each source over the
 * items not in the history, weight, sum), so `insitu eval` measures the worker's blend rather
 * than a re-implementation. History items score -Infinity; the eval excludes them anyway.
 */
export function blendScorer(name: string, sourcesFor: SourcesFor): Scorer {
  return {
    name,
    score: async (history, out) => {
      const eligible = new Uint8Array(out.length).fill(1);
      for (const e of history) if (e.item >= 0 && e.item < out.length) eligible[e.item] = 0;
      out.set(blendSources(await sourcesFor(history), eligible).scores);
    },
  };
}
