import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../catalog.ts';
import { createShopperState, type ShopperState } from '../shopper/shopper-state.ts';
import type { InteractionKind } from '../scoring.ts';
import { buildCatalogIndex } from './catalog-index.ts';
import { learnedSummary } from './learned.ts';

const item = (id: string, title: string, categories: string[]): CatalogItem => ({
  id,
  title,
  categories,
  inStock: true,
  tags: [],
});
const CATALOG = [
  item('shoe', 'Trail Shoe', ['Sport', 'Running']),
  item('sock', 'Running Sock', ['Sport', 'Running']),
  item('bottle', 'Bottle', ['Sport', 'Running']),
  item('jacket', 'Rain Jacket', ['Outdoor', 'Clothing']),
  item('hat', 'Wool Hat', ['Outdoor', 'Clothing']),
  item('tent', 'Tent', ['Outdoor', 'Tents']),
  item('mug', 'Camp Mug', ['Outdoor', 'Kitchen']),
  item('book', 'Trail Guide', ['Books']),
  item('pen', 'Pen', ['Office']),
];
const index = buildCatalogIndex({ items: CATALOG });

/** A planted state: `shown` as given, and `history` of one interaction per id at its time. */
function state(
  shown: Record<string, number[]>,
  history: [string, number, InteractionKind?][] = [],
): ShopperState {
  const s = createShopperState();
  s.shown = Object.entries(shown).map(([id, ts]) => ({ id, ts }));
  s.history = history.map(([id, ts, kind]) => ({ id, ts, kind: kind ?? 'view' }));
  return s;
}

describe('learnedSummary', () => {
  it('lists items shown three times or more, most showings first, at most five', () => {
    const s = state({
      mug: [1, 2], // twice: not skipped yet
      jacket: [3, 4, 5],
      gone: [1, 2, 9], // not in the catalog: listed by id, without a name
      hat: [1, 2, 3, 4],
      tent: [1, 2, 3],
      shoe: [1, 2, 3, 4, 5],
      bottle: [1, 2, 4],
    });
    const learned = learnedSummary(s, index, { locale: 'en' });
    expect(learned.skipped).toEqual([
      { id: 'shoe', name: 'Trail Shoe', times: 5 },
      { id: 'hat', name: 'Wool Hat', times: 4 },
      { id: 'gone', times: 3 }, // ties: latest showing first
      { id: 'jacket', name: 'Rain Jacket', times: 3 },
      { id: 'bottle', name: 'Bottle', times: 3 },
    ]);
    expect(learned.engaged).toBeUndefined();
    expect(learned.sentences).toEqual([
      'You skipped Trail Shoe, Wool Hat, gone and 2 other items three times or more, so they are shown less.',
    ]);
    const one = learnedSummary(state({ hat: [1, 2, 3] }), index, { locale: 'en' });
    expect(one.sentences).toEqual([
      'You skipped Wool Hat three times or more, so it is shown less.',
    ]);
  });

  it('names the category most engaged items are in, the narrower on a tie, from 3 items and 40%', () => {
    const history: [string, number, InteractionKind?][] = [
      ['shoe', 1],
      ['tent', 2],
      ['sock', 3, 'cart'],
      ['bottle', 4, 'purchase'],
      ['jacket', 5],
      ['unknown', 6], // not in the catalog: not counted
    ];
    const learned = learnedSummary(state({}, history), index, { locale: 'en' });
    // Sport and Running both hold 3 of 5: Running is the narrower.
    expect(learned.engaged).toEqual({ category: 'Running', share: 0.6, count: 3 });
    expect(learned.skipped).toEqual([]);
    expect(learned.sentences).toEqual(['You click mostly on Running (60% of what you looked at).']);
    // Two items are too few, however clear.
    const two = state({}, [
      ['shoe', 1],
      ['sock', 2],
    ]);
    expect(learnedSummary(two, index, { locale: 'en' }).engaged).toBeUndefined();
    // 2 of 5 is 40%: named; 2 of 6 is not.
    const five: [string, number][] = [
      ['shoe', 1],
      ['tent', 2],
      ['book', 3],
      ['pen', 4],
      ['sock', 5],
    ];
    expect(learnedSummary(state({}, five), index, { locale: 'en' }).engaged).toEqual({
      category: 'Running',
      share: 0.4,
      count: 2,
    });
    const six = state({}, [...five, ['mug', 6]]);
    expect(learnedSummary(six, index, { locale: 'en' })).toEqual({ skipped: [], sentences: [] });
  });

  it('counts only showings and interactions at or after `since`', () => {
    const s = state({ shoe: [1, 2, 3, 10, 11], hat: [10, 11, 12], tent: [7, 8, 9] }, [
      ['shoe', 1],
      ['sock', 2],
      ['bottle', 3],
      ['book', 4],
      ['jacket', 10],
      ['hat', 11],
      ['tent', 12],
    ]);
    const all = learnedSummary(s, index, { locale: 'en' });
    expect(all.skipped.map((x) => [x.id, x.times])).toEqual([
      ['shoe', 5],
      ['hat', 3],
      ['tent', 3],
    ]);
    // Running and Outdoor both hold 3 of 7: Running is the narrower.
    expect(all.engaged).toEqual({ category: 'Running', share: 0.4286, count: 3 });
    const after = learnedSummary(s, index, { since: 10, locale: 'en' });
    expect(after.skipped).toEqual([{ id: 'hat', name: 'Wool Hat', times: 3 }]);
    expect(after.engaged).toEqual({ category: 'Outdoor', share: 1, count: 3 });
    expect(learnedSummary(s, index, { since: 13, locale: 'en' })).toEqual({
      skipped: [],
      sentences: [],
    });
  });

  it('writes natural Chinese', () => {
    const s = state({ shoe: [1, 2, 3], jacket: [1, 2, 3, 4], hat: [1, 2, 3] }, [
      ['shoe', 5],
      ['sock', 6],
      ['bottle', 7],
      ['tent', 8],
      ['hat', 9],
    ]);
    expect(learnedSummary(s, index, { locale: 'zh' }).sentences).toEqual([
      '你已经跳过 Rain Jacket、Wool Hat 和 Trail Shoe 至少三次，所以之后会少推荐它们。',
      '你最常点开 Running 类的商品（占你看过的 60%）。',
    ]);
    const many = state({ shoe: [1, 2, 3, 4], jacket: [1, 2, 3], hat: [1, 2, 3], tent: [1, 2, 3] });
    expect(learnedSummary(many, index, { locale: 'zh' }).sentences).toEqual([
      '你已经跳过 Trail Shoe、Wool Hat、Rain Jacket 等 4 件商品至少三次，所以之后会少推荐它们。',
    ]);
    expect(learnedSummary(state({ hat: [1, 2, 3] }), index, { locale: 'zh' }).sentences).toEqual([
      '你已经跳过 Wool Hat 至少三次，所以之后会少推荐它。',
    ]);
    // Chinese names take no spaces around them.
    const zh: Record<string, string> = {
      'Trail Shoe': '越野跑鞋',
      'Rain Jacket': '雨衣',
      'Wool Hat': '羊毛帽',
      Running: '跑步',
    };
    const chinese = buildCatalogIndex({
      items: CATALOG.map((i) => ({
        ...i,
        title: zh[i.title] ?? i.title,
        categories: i.categories.map((c) => zh[c] ?? c),
      })),
    });
    expect(learnedSummary(s, chinese, { locale: 'zh' }).sentences).toEqual([
      '你已经跳过雨衣、羊毛帽和越野跑鞋至少三次，所以之后会少推荐它们。',
      '你最常点开跑步类的商品（占你看过的 60%）。',
    ]);
  });

  it('treats Object.prototype names as plain ids and categories', () => {
    const names = {
      shoe: 'constructor',
      sock: '__proto__',
      gone: 'toString',
      Running: 'hasOwnProperty',
      Sport: '__proto__',
    } as const;
    const rename = (x: string) => (Object.hasOwn(names, x) ? names[x as keyof typeof names] : x);
    const renamed = buildCatalogIndex({
      items: CATALOG.map((i) => ({ ...i, id: rename(i.id), categories: i.categories.map(rename) })),
    });
    const shown = { shoe: [1, 2, 3, 4], sock: [1, 2, 3], gone: [5, 6, 7] };
    const history: [string, number][] = [
      ['shoe', 8],
      ['sock', 9],
      ['tent', 10],
    ];
    const plain = learnedSummary(state(shown, history), index, { locale: 'en' });
    const proto = learnedSummary(
      state(
        Object.fromEntries(Object.entries(shown).map(([id, ts]) => [rename(id), ts])),
        history.map(([id, ts]) => [rename(id), ts]),
      ),
      renamed,
      { locale: 'en' },
    );
    expect(plain.skipped.map((x) => x.id)).toEqual(['shoe', 'gone', 'sock']);
    expect(plain.engaged).toEqual({ category: 'Running', share: 0.6667, count: 2 });
    expect(proto).toEqual({
      skipped: plain.skipped.map((x) => ({ ...x, id: rename(x.id) })),
      engaged: { ...plain.engaged, category: 'hasOwnProperty' },
      sentences: plain.sentences.map((x) =>
        x.replace('gone', 'toString').replace('Running (', 'hasOwnProperty ('),
      ),
    });
    expect(proto.sentences[1]).toBe(
      'You click mostly on hasOwnProperty (67% of what you looked at).',
    );
  });
});
