import type { Catalog } from '../catalog.ts';
import { slugOf } from '../text/slug.ts';
import { terms } from '../text/tokenize.ts';
import { termStats, topTerms, type TermStats, type WeightedTerm } from '../text/tf-idf.ts';

/** What the fold needs to know about one catalog item, precomputed once per catalog. */
export interface IndexedItem {
  id: string;
  title: string;
  /** From broad to narrow. */
  categories: string[];
  brand?: string;
  price?: number;
  /** Where the price sits among items of the same (narrowest) category: 0 cheapest … 1 dearest. */
  pricePct?: number;
  /** Most distinctive terms of title, description and tags, against the whole catalog. */
  terms: WeightedTerm[];
}

/**
 * The catalog prepared for the profile: item lookup, per-category price ranks and the document
 * frequencies of its text. Build it once when the catalog loads, not per event.
 */
export interface CatalogIndex {
  items: Map<string, IndexedItem>;
  text: TermStats;
  /** Median item price of the catalog, the yardstick for "big spender". */
  medianPrice: number;
  /** Categories that are a broader level of another (e.g. "Sport" above "Running"). */
  parents: Set<string>;
  /** Slug (`slugOf`) → the catalog's own spelling, for categories and brands named by events. */
  categoryBySlug: Map<string, string>;
  brandBySlug: Map<string, string>;
  currency?: string;
}

/**
 * The catalog's spelling of a category an event names ("home-office" → "Home Office"), trying the
 * whole name, then its last level ("Apparel/Mens Outerwear"). Undefined when the catalog has no
 * such category; with no catalog categories at all, the name as given.
 */
export function catalogCategory(index: CatalogIndex, name: string): string | undefined {
  if (index.categoryBySlug.size === 0) return name.trim() === '' ? undefined : name;
  const whole = index.categoryBySlug.get(slugOf(name));
  if (whole !== undefined) return whole;
  const last = name.split(/[/>|]/).at(-1) ?? '';
  return index.categoryBySlug.get(slugOf(last));
}

/** The catalog's spelling of a brand an event names, or undefined when it has no such brand. */
export function knownBrand(index: CatalogIndex, name: string): string | undefined {
  return index.brandBySlug.get(slugOf(name));
}

/** The catalog's spelling of a brand an event names, else the name as given. */
export function catalogBrand(index: CatalogIndex, name: string): string {
  return knownBrand(index, name) ?? name;
}

/** Distinctive terms kept per item: enough to describe it, few enough to fold in O(1). */
export const TERMS_PER_ITEM = 6;

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function bound(sorted: readonly number[], v: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid] ?? 0;
    if (x < v || (!strict && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Percentile rank of `v` in a sorted list, ties counted at their middle. */
function percentile(sorted: readonly number[], v: number): number {
  if (sorted.length <= 1) return 0.5;
  const below = bound(sorted, v, true);
  const equal = bound(sorted, v, false) - below;
  return (below + Math.max(0, equal - 1) / 2) / (sorted.length - 1);
}

/** Prepares a validated catalog for `foldEvent` and `buildProfile`. O(items × text length). */
export function buildCatalogIndex(catalog: Catalog): CatalogIndex {
  // A brand is already an affinity of its own; as a tag it would only repeat it.
  const docs = catalog.items.map((it) => {
    const brand = new Set(terms(it.brand ?? ''));
    return terms([it.title, it.description ?? '', it.tags.join(' ')].join(' ')).filter(
      (t) => !brand.has(t) && !(it.brand ?? '').toLowerCase().includes(t),
    );
  });
  const text = termStats(docs);
  const byCategory = new Map<string, number[]>();
  const allPrices: number[] = [];
  for (const it of catalog.items) {
    if (it.price === undefined) continue;
    allPrices.push(it.price);
    const leaf = it.categories.at(-1) ?? '';
    const list = byCategory.get(leaf) ?? [];
    list.push(it.price);
    byCategory.set(leaf, list);
  }
  for (const list of byCategory.values()) list.sort((a, b) => a - b);
  allPrices.sort((a, b) => a - b);
  const parents = new Set<string>();
  for (const it of catalog.items) for (const c of it.categories.slice(0, -1)) parents.add(c);
  const items = new Map<string, IndexedItem>();
  catalog.items.forEach((it, i) => {
    const entry: IndexedItem = {
      id: it.id,
      title: it.title,
      categories: it.categories,
      terms: topTerms(text, docs[i] ?? [], TERMS_PER_ITEM),
    };
    if (it.brand !== undefined) entry.brand = it.brand;
    if (it.price !== undefined) {
      entry.price = it.price;
      entry.pricePct = percentile(byCategory.get(it.categories.at(-1) ?? '') ?? [], it.price);
    }
    items.set(it.id, entry);
  });
  const categoryBySlug = new Map<string, string>();
  const brandBySlug = new Map<string, string>();
  for (const it of catalog.items) {
    for (const c of it.categories)
      if (!categoryBySlug.has(slugOf(c))) categoryBySlug.set(slugOf(c), c);
    if (it.brand !== undefined && !brandBySlug.has(slugOf(it.brand))) {
      brandBySlug.set(slugOf(it.brand), it.brand);
    }
  }
  const index: CatalogIndex = {
    items,
    text,
    medianPrice: median(allPrices),
    parents,
    categoryBySlug,
    brandBySlug,
  };
  if (catalog.currency !== undefined) index.currency = catalog.currency;
  return index;
}
