import { SKIPPED_AT } from '../rank/rotation.ts';
import type { ShopperState } from '../shopper/shopper-state.ts';
import type { CatalogIndex } from './catalog-index.ts';
import { inChinese, listOf, type ProfileLanguage } from './summary.ts';

/** What insitu learned from the shopper's behaviour, as the privacy centre shows it. */
export interface LearnedSummary {
  /** Items shown at least `SKIPPED_AT` times and not engaged with since, most showings first. */
  skipped: { id: string; name?: string; times: number }[];
  /** The category most engaged-with items fall into, when it clearly leads. */
  engaged?: { category: string; share: number; count: number };
  /** One plain sentence per fact, in the requested language. */
  sentences: string[];
}

/** Options of `learnedSummary`. */
export interface LearnedOptions {
  /** Only what happened at or after this time counts (ms since epoch), e.g. the last reset. */
  since?: number;
  locale: ProfileLanguage;
}

/** Skipped items listed, at most. */
export const SKIPPED_LISTED = 5;
/** Engaged items needed before a leading category is named, and the share it needs. */
const ENGAGED_MIN = 3;
const ENGAGED_SHARE = 0.4;

/** Skipped items a sentence names; the rest are counted ("and 2 other items"). */
const NAMED = 3;
const pct = (share: number) => `${Math.round(100 * share)}%`;
const TEXTS = {
  en: {
    times: ['zero times', 'once', 'twice', 'three times', 'four times', 'five times'],
    items: (names: string[]) =>
      listOf(
        names.length > NAMED
          ? [...names.slice(0, NAMED), `${names.length - NAMED} other items`]
          : names,
        'en',
      ),
    skipped: (items: string, times: string, one: boolean) =>
      `You skipped ${items} ${times} or more, so ${one ? 'it is' : 'they are'} shown less.`,
    engaged: (category: string, share: number) =>
      `You click mostly on ${category} (${pct(share)} of what you looked at).`,
  },
  zh: {
    times: ['零次', '一次', '两次', '三次', '四次', '五次'],
    items: (names: string[]) =>
      names.length > NAMED
        ? `${inChinese(names.slice(0, NAMED).join('、'))}等 ${names.length} 件商品`
        : inChinese(listOf(names, 'zh')),
    skipped: (items: string, times: string, one: boolean) =>
      `你已经跳过${items}至少${times}，所以之后会少推荐${one ? '它' : '它们'}。`,
    engaged: (category: string, share: number) =>
      `你最常点开${inChinese(category)}类的商品（占你看过的 ${pct(share)}）。`,
  },
};

function skippedOf(shopper: ShopperState, index: CatalogIndex, since: number) {
  return shopper.shown
    .map((s) => {
      const ts = s.ts.filter((t) => t >= since);
      return { id: s.id, times: ts.length, last: Math.max(...ts) };
    })
    .filter((s) => s.times >= SKIPPED_AT)
    .sort((a, b) => b.times - a.times || b.last - a.last || (a.id < b.id ? -1 : 1))
    .slice(0, SKIPPED_LISTED)
    .map(({ id, times }): LearnedSummary['skipped'][number] => {
      const name = index.items.get(id)?.title;
      return name === undefined ? { id, times } : { id, name, times };
    });
}

/**
 * The category the most items of the history (each item's latest view, add, purchase or rating)
 * since `since` are in, counting every level of each catalog item's categories; on a tie the
 * narrower one. Items the catalog lacks are not counted.
 */
function engagedOf(shopper: ShopperState, index: CatalogIndex, since: number) {
  const counts = new Map<string, { n: number; depth: number }>();
  let total = 0;
  for (const h of shopper.history) {
    const item = h.ts >= since ? index.items.get(h.id) : undefined;
    if (item === undefined) continue;
    total++;
    new Set(item.categories).forEach((c) => {
      const depth = item.categories.lastIndexOf(c);
      const entry = counts.get(c) ?? { n: 0, depth };
      counts.set(c, { n: entry.n + 1, depth: Math.max(entry.depth, depth) });
    });
  }
  let best: { category: string; n: number; depth: number } | undefined;
  for (const [category, { n, depth }] of counts) {
    if (
      best === undefined ||
      n > best.n ||
      (n === best.n && (depth > best.depth || (depth === best.depth && category < best.category)))
    )
      best = { category, n, depth };
  }
  if (best === undefined || total < ENGAGED_MIN || best.n / total < ENGAGED_SHARE) return undefined;
  return {
    category: best.category,
    share: Math.round((best.n / total) * 1e4) / 1e4,
    count: best.n,
  };
}

/**
 * What the shopper's own behaviour taught insitu, said plainly: the items they keep skipping
 * (which rotation shows less) and the category they engage with most. Pure; reads only the
 * shopper state and the catalog index.
 */
export function learnedSummary(
  shopper: ShopperState,
  index: CatalogIndex,
  options: LearnedOptions,
): LearnedSummary {
  const since = options.since ?? -Infinity;
  const w = TEXTS[options.locale];
  const skipped = skippedOf(shopper, index, since);
  const engaged = engagedOf(shopper, index, since);
  const sentences: string[] = [];
  if (skipped.length > 0) {
    const times = w.times[SKIPPED_AT] ?? String(SKIPPED_AT);
    const names = skipped.map((s) => s.name ?? s.id);
    sentences.push(w.skipped(w.items(names), times, names.length === 1));
  }
  if (engaged !== undefined) sentences.push(w.engaged(engaged.category, engaged.share));
  return engaged === undefined ? { skipped, sentences } : { skipped, engaged, sentences };
}
