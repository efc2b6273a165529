import { seededRandom } from '@insitu/core';
import type { HistoryEntry } from '@insitu/core';
import { describe, expect, it } from 'vitest';
import { buildCovisitation } from './covis-build.ts';
import { pairedStandardError } from './holdout.ts';
import type { HoldoutCase } from './holdout.ts';
import { tuneBlend } from './tune-blend.ts';

describe('pairedStandardError', () => {
  it('is zero for identical candidates and the SE of the mean difference otherwise', () => {
    const a = Float64Array.from([1, 0, 0.5]);
    expect(pairedStandardError(a, a)).toBe(0);
    expect(pairedStandardError(Float64Array.from([1, 0]), Float64Array.from([0, 0]))).toBeCloseTo(
      0.5,
    );
  });
});

describe('tuneBlend', () => {
  it('falls back to pure popularity when the other signals only add noise', () => {
    const itemCount = 60;
    const random = seededRandom(7);
    // Targets follow popularity (items 0–4 dominate); the sequences before them are random.
    const sequences: HistoryEntry[][] = [];
    const cases: HoldoutCase[] = [];
    for (let u = 0; u < 400; u++) {
      const s = Array.from({ length: 4 }, (_, k) => ({
        item: 10 + Math.floor(random() * 50),
        ts: u * 10 + k,
        kind: 'purchase' as const,
      }));
      sequences.push(s);
      cases.push({ history: s, target: Math.floor(random() * 5), ts: u * 10 + 5 });
    }
    const pop = Float32Array.from({ length: itemCount }, (_, i) => (i < 5 ? 1 - i / 10 : 0.01));
    const tuned = tuneBlend({
      cases,
      itemCount,
      neighbours: buildCovisitation(sequences, itemCount),
      modelDots: null,
      popularity: cases.map(() => pop),
    });
    expect(tuned.blend.popularity).toBeGreaterThan(0);
    expect(tuned.blend.covis).toBe(0);
    expect(tuned.figures['blend']!.hr10).toBeGreaterThan(0.9);
  });
});
