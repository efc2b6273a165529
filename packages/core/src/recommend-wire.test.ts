import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogItem } from './catalog.ts';
import type { RecommendResult } from './recommend-types.ts';
import { recommendPacker, recommendUnpacker } from './recommend-wire.ts';

const catalogOf = (version: string): CatalogItem[] =>
  Array.from({ length: 6 }, (_, i) => ({
    id: `p${i}`,
    title: `Item ${i} (${version})`,
    categories: ['Shoes', `Cat ${i % 2}`],
    inStock: true,
    tags: [version],
    ...(i % 2 === 0 ? { price: 10 + i, url: `/p/${i}` } : {}),
  }));
const catalogs = [catalogOf('a'), catalogOf('b')];

const aResult = fc
  .record({
    catalog: fc.constantFrom(0, 1),
    rows: fc.uniqueArray(fc.nat(5), { maxLength: 6 }),
    full: fc.boolean(),
  })
  .map(({ catalog, rows, full }) => ({
    full,
    result: {
      strategy: 'for-you',
      source: 'model',
      backend: 'simd',
      items: rows.map((r) => ({
        item: catalogs[catalog]![r]!,
        score: 1 / (r + 1),
        explanation: { kind: 'popular', text: `Popular (${r})` },
      })),
    } satisfies RecommendResult as RecommendResult,
  }));

describe('recommend answers on the wire', () => {
  it('unpack to the answers packed, across catalogs, as copies the page may change', () => {
    fc.assert(
      fc.property(fc.array(aResult, { maxLength: 12 }), (answers) => {
        const pack = recommendPacker();
        const unpack = recommendUnpacker();
        const last = new Map<string, CatalogItem>();
        for (const { result, full } of answers) {
          // postMessage clones what it posts.
          const wire = structuredClone(pack(result, full));
          const out = unpack(wire)!;
          expect(out).toEqual(result);
          result.items.forEach((r, i) => {
            // The object last sent for its id travels as the id, unless asked in full.
            const again = !full && last.get(r.item.id) === r.item;
            expect(typeof wire.items[i]!.item === 'string').toBe(again);
            last.set(r.item.id, r.item);
          });
          for (const r of out.items) {
            r.item.title = 'changed by the page';
            r.item.categories.push('changed');
          }
        }
      }),
    );
  });

  it('an id the page was never sent is not guessed', () => {
    const [item] = catalogs[0]!;
    const wire = { strategy: 'trending' as const, source: 'model' as const, items: [] };
    const named = {
      ...wire,
      items: [{ item: item!.id, score: 1, explanation: { kind: 'popular' as const, text: '' } }],
    };
    expect(recommendUnpacker()(named)).toBeUndefined();
  });
});
