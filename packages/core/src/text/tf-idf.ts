import { terms } from './tokenize.ts';

/** Document frequencies of a corpus (the catalog), computed once and shared by every lookup. */
export interface TermStats {
  /** Number of documents. */
  docs: number;
  /** term → number of documents containing it. */
  df: Map<string, number>;
}

/** Counts in how many documents each term occurs. */
export function termStats(documents: readonly string[][]): TermStats {
  const df = new Map<string, number>();
  for (const doc of documents) {
    for (const t of new Set(doc)) df.set(t, (df.get(t) ?? 0) + 1);
  }
  return { docs: documents.length, df };
}

/** Smoothed inverse document frequency; a term the corpus never saw gets the highest value. */
export function idf(stats: TermStats, term: string): number {
  return Math.log((1 + stats.docs) / (1 + (stats.df.get(term) ?? 0))) + 1;
}

/** One weighted term of a document. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * The `limit` most distinctive terms of a document: log-scaled term frequency times IDF,
 * L2-normalised so long descriptions do not outweigh short titles. Ties break alphabetically so
 * the result is deterministic.
 */
export function topTerms(stats: TermStats, doc: readonly string[], limit: number): WeightedTerm[] {
  const tf = new Map<string, number>();
  for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
  const scored: WeightedTerm[] = [];
  for (const [term, n] of tf) {
    // Terms in every document say nothing about this one.
    if ((stats.df.get(term) ?? 0) >= stats.docs && stats.docs > 1) continue;
    scored.push({ term, weight: (1 + Math.log(n)) * idf(stats, term) });
  }
  scored.sort((a, b) => b.weight - a.weight || (a.term < b.term ? -1 : 1));
  const top = scored.slice(0, limit);
  const norm = Math.hypot(...top.map((t) => t.weight)) || 1;
  return top.map((t) => ({ term: t.term, weight: t.weight / norm }));
}

/** Terms of free text (a search query, a title the catalog lacks) that the corpus knows. */
export function knownTerms(stats: TermStats, text: string): string[] {
  return [...new Set(terms(text))].filter((t) => stats.df.has(t));
}
