import { seededRandom } from '@insitu/core';
import type { HistoryEntry } from '@insitu/core';
import { describe, expect, it } from 'vitest';
import { buildContentNeighbours } from './content-neighbours.ts';
import { buildCovisitation } from './covis-build.ts';
import { holdoutFigures, pairedStandardError } from './holdout.ts';
import { blendScores, covisSums, softScale } from '../blend.ts';
import { topKNeighbours } from '../neighbours.ts';
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

  it('weighs content neighbours in when the next item shares the history’s title terms', () => {
    const itemCount = 80;
    const random = seededRandom(11);
    // 20 design lines of 4 items; a shopper buys one item of a line, then another of it.
    const line = (i: number) => Math.floor(i / 4);
    const content = Array.from({ length: itemCount }, (_, i) => ({
      title: `${['bag', 'mug', 'card', 'tin'][i % 4]} design${line(i)}`,
    }));
    const sequences: HistoryEntry[][] = [];
    const cases: HoldoutCase[] = [];
    for (let u = 0; u < 300; u++) {
      const a = Math.floor(random() * itemCount);
      const b = line(a) * 4 + (((a % 4) + 1 + Math.floor(random() * 3)) % 4);
      const history = [{ item: a, ts: u, kind: 'purchase' as const }];
      sequences.push(history);
      cases.push({ history, target: b, ts: u + 1 });
    }
    const pop = Float32Array.from({ length: itemCount }, (_, i) => 1 - i / itemCount);
    const inputs = {
      cases,
      itemCount,
      neighbours: buildCovisitation(sequences, itemCount),
      modelDots: null,
      popularity: cases.map(() => pop),
    };
    const tuned = tuneBlend({ ...inputs, content: buildContentNeighbours(content, itemCount) });
    expect(tuned.blend.content).toBeGreaterThan(0);
    expect(tuned.figures['blend']!.hr10).toBeGreaterThan(0.9);
    const without = tuneBlend(inputs);
    expect(without.blend.content ?? 0).toBe(0);
    expect(without.figures['blend']!.hr10).toBeLessThan(0.5);
  });

  // Ten groups of ten items, each item's neighbours the rest of its group. Every history is 40
  // items: 8 from the shopper's group (as is the target), 32 from the other 90 items.
  const groupShop = (seed: number, lastFromGroup: boolean) => {
    const itemCount = 100;
    const random = seededRandom(seed);
    const rows = Array.from(
      { length: itemCount },
      (_, i) =>
        new Map(
          Array.from({ length: 10 }, (_, k) => [Math.floor(i / 10) * 10 + k, 1] as const).filter(
            ([j]) => j !== i,
          ),
        ),
    );
    const cases: HoldoutCase[] = [];
    for (let u = 0; u < 300; u++) {
      const g = Math.floor(random() * 10) * 10;
      const order = Array.from({ length: 10 }, (_, k) => g + k).sort(() => random() - 0.5);
      const target = order.pop()!;
      const others = Array.from({ length: itemCount }, (_, i) => i)
        .filter((i) => i < g || i >= g + 10)
        .sort(() => random() - 0.5);
      const items = [...order.slice(0, 8), ...others.slice(0, 32)].sort(() => random() - 0.5);
      // With lastFromGroup, the group's items come last: only the most recent ones matter.
      if (lastFromGroup)
        items.sort((a, b) => Number(a >= g && a < g + 10) - Number(b >= g && b < g + 10));
      const history = items.map((item, k) => ({ item, ts: u * 100 + k, kind: 'rating' as const }));
      cases.push({ history, target, ts: u * 100 + 50 });
    }
    const flat = new Float32Array(itemCount).fill(0.5);
    return tuneBlend({
      cases,
      itemCount,
      neighbours: topKNeighbours(rows, 20),
      modelDots: null,
      popularity: cases.map(() => flat),
    });
  };

  it('sums the whole history’s neighbours when the shopper’s taste is spread over a long history', () => {
    const tuned = groupShop(5, false);
    expect(tuned.blend.covis).toBeGreaterThan(0);
    expect(tuned.blend.recency).toBeGreaterThanOrEqual(0.95);
    expect(tuned.figures['blend']!.hr10).toBeGreaterThan(0.9);
  });

  it('keeps a short recency when the items that tell the next one are the latest', () => {
    const tuned = groupShop(5, true);
    expect(tuned.blend.covis).toBeGreaterThan(0);
    expect(tuned.blend.recency).toBeLessThanOrEqual(0.85);
  });

  // Taste: four groups of 30 items, each item's neighbours its group. Shelf order: item i is
  // followed by the next one of its group. A history is 8 items of the shopper's group among 32
  // others, ending with one of the group; with `shelf`, half the targets are the item after it.
  const shelfShop = (shelf: boolean) => {
    const itemCount = 120;
    const random = seededRandom(3);
    const group = (i: number) => Math.floor(i / 30) * 30;
    const next = (i: number) => group(i) + ((i + 1) % 30);
    const taste = Array.from(
      { length: itemCount },
      (_, i) => new Map(Array.from({ length: 30 }, (_, k) => [group(i) + k, 1] as const)),
    );
    const cases: HoldoutCase[] = [];
    const sequences: HistoryEntry[][] = [];
    for (let u = 0; u < 400; u++) {
      const g = group(Math.floor(random() * itemCount));
      const mine = Array.from({ length: 30 }, (_, k) => g + k).sort(() => random() - 0.5);
      const others = Array.from({ length: itemCount }, (_, i) => i)
        .filter((i) => group(i) !== g)
        .sort(() => random() - 0.5);
      const last = mine[0]!;
      const rest = mine.slice(1).filter((i) => i !== next(last));
      const items = [...rest.slice(0, 7), ...others.slice(0, 32)].sort(() => random() - 0.5);
      items.push(last);
      const target = shelf && random() < 0.5 ? next(last) : rest[7 + Math.floor(random() * 10)]!;
      const history = items.map((item, k) => ({ item, ts: u * 100 + k, kind: 'view' as const }));
      cases.push({ history, target, ts: u * 100 + 50 });
      // What the logs show: shoppers walking the shelf.
      sequences.push(
        Array.from({ length: 6 }, (_, k) => ({
          item: g + ((last + k) % 30),
          ts: k,
          kind: 'view' as const,
        })),
      );
    }
    const flat = new Float32Array(itemCount).fill(0.5);
    return tuneBlend({
      cases,
      itemCount,
      neighbours: topKNeighbours(taste, 30),
      modelDots: null,
      popularity: cases.map(() => flat),
      sequence: buildCovisitation(sequences, itemCount),
    });
  };

  it('weighs sequential co-visitation in beside the taste table when the next item follows the last', () => {
    const tuned = shelfShop(true);
    expect(tuned.blend.sequence).toBeGreaterThan(0);
    expect(tuned.blend.sequenceRecency).toBeLessThanOrEqual(0.7);
    const f = tuned.figures;
    expect(f['blend']!.hr10).toBeGreaterThan(Math.max(f['covis']!.hr10, f['sequence']!.hr10) + 0.1);
  });

  it('leaves sequential co-visitation out when what follows the last item tells nothing', () => {
    const tuned = shelfShop(false);
    expect(tuned.blend.sequence).toBeUndefined();
    expect(tuned.blend.covis).toBeGreaterThan(0);
  });

  it('scores the holdout as the device ranks (`blendScores` of the raw signals)', () => {
    const itemCount = 90;
    const random = seededRandom(19);
    // Lines of 3 items viewed in order: half the targets end the line, half are the most popular
    // item as of the case; dot products know the line, noisily. Each signal tells part.
    const sequences: HistoryEntry[][] = [];
    const cases: HoldoutCase[] = [];
    const modelDots: Float32Array[] = [];
    const popularity: Float32Array[] = [];
    for (let u = 0; u < 300; u++) {
      const line = Math.floor(random() * 30) * 3;
      const history = [0, 1].map((k) => ({
        item: line + k,
        ts: u * 10 + k,
        kind: 'view' as const,
      }));
      sequences.push([...history, { item: line + 2, ts: u * 10 + 2, kind: 'view' }]);
      const pop = Float32Array.from({ length: itemCount }, () => random());
      const popular = pop.indexOf(Math.max(...pop));
      popularity.push(pop);
      cases.push({ history, target: random() < 0.5 ? line + 2 : popular, ts: u * 10 + 5 });
      const dots = Float32Array.from({ length: itemCount }, () => 3 * random());
      for (let k = 0; k < 3; k++) dots[line + k]! += 2;
      modelDots.push(dots);
    }
    const neighbours = buildCovisitation(sequences.slice(0, 100), itemCount);
    const tuned = tuneBlend({ cases, itemCount, neighbours, modelDots, popularity });
    const w = tuned.blend;
    expect([w.model, w.covis, w.popularity].filter((x) => x > 0).length).toBeGreaterThan(1);
    const device = holdoutFigures(
      cases,
      (i) =>
        blendScores(
          softScale(modelDots[i]!.slice(), w.temperature),
          covisSums(neighbours, cases[i]!.history, w.recency),
          popularity[i]!,
          w,
        ),
      itemCount,
    );
    // The search sums its cached, scaled signals in float64, the device in float32 steps: the
    // ranks, and so the figures, must still agree.
    expect(tuned.figures['blend']).toEqual(device);
  });
});
