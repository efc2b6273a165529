import { InsituError } from './errors.ts';

/**
 * One product of the shop's `catalog.json`. Only `id` and `title` are required; the rest makes
 * recommendations and the profile better (categories, brand and price most of all).
 */
export interface CatalogItem {
  /** The shop's product id, as sent in `product_id`. */
  id: string;
  title: string;
  /** From broad to narrow, e.g. ["Sports", "Running", "Trail shoes"]. */
  categories: string[];
  brand?: string;
  price?: number;
  /** ISO 4217 code; defaults to the catalog's `currency`. */
  currency?: string;
  url?: string;
  image?: string;
  /** Out-of-stock items are filtered from recommendations by default. Defaults to true. */
  inStock: boolean;
  tags: string[];
  description?: string;
}

/** The `catalog.json` a shop serves: `{ version?, currency?, items: [...] }`. */
export interface Catalog {
  /** Any string that changes when the catalog changes; used to check the model artifact matches. */
  version?: string;
  currency?: string;
  items: CatalogItem[];
}

/** Most items a catalog may hold; beyond it, send the shop's most relevant subset. */
export const MAX_CATALOG_ITEMS = 200_000;

const bad = (message: string, field: string) =>
  new InsituError('invalid_catalog', message, { field });

function optString(o: Record<string, unknown>, key: string, field: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw bad(`${key} must be a string.`, `${field}.${key}`);
  return v;
}

function stringArray(o: Record<string, unknown>, key: string, field: string): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
    throw bad(`${key} must be an array of strings.`, `${field}.${key}`);
  }
  return v as string[];
}

/**
 * Checks a parsed `catalog.json` and returns it normalised (ids as strings, defaults filled in).
 * Throws `InsituError('invalid_catalog')` naming the first bad field, e.g. `items[12].price`.
 */
export function validateCatalog(json: unknown): Catalog {
  const root = Array.isArray(json) ? { items: json } : json;
  if (typeof root !== 'object' || root === null) {
    throw bad('catalog.json must be an object with an "items" array.', 'catalog');
  }
  const r = root as Record<string, unknown>;
  if (!Array.isArray(r['items'])) throw bad('catalog.json needs an "items" array.', 'items');
  const raw = r['items'] as unknown[];
  if (raw.length > MAX_CATALOG_ITEMS) {
    throw bad(
      `Catalog has ${raw.length} items; at most ${MAX_CATALOG_ITEMS} are supported.`,
      'items',
    );
  }
  const seen = new Set<string>();
  const items = raw.map((entry, i): CatalogItem => {
    const field = `items[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw bad('Each item must be an object.', field);
    }
    const o = entry as Record<string, unknown>;
    const id = o['id'];
    const validId =
      (typeof id === 'string' && id.trim() !== '') ||
      (typeof id === 'number' && Number.isFinite(id));
    if (!validId) {
      throw bad('Each item needs an id (string or number).', `${field}.id`);
    }
    const sid = String(id);
    if (seen.has(sid)) throw bad(`Duplicate id "${sid}".`, `${field}.id`);
    seen.add(sid);
    const title = o['title'];
    if (typeof title !== 'string' || title === '')
      throw bad('Each item needs a title.', `${field}.title`);
    const price = o['price'];
    if (
      price !== undefined &&
      price !== null &&
      (typeof price !== 'number' || !Number.isFinite(price) || price < 0)
    ) {
      throw bad('price must be a non-negative number.', `${field}.price`);
    }
    const inStock = o['inStock'];
    if (inStock !== undefined && inStock !== null && typeof inStock !== 'boolean') {
      throw bad('inStock must be true or false.', `${field}.inStock`);
    }
    const item: CatalogItem = {
      id: sid,
      title,
      categories: stringArray(o, 'categories', field),
      inStock: inStock ?? true,
      tags: stringArray(o, 'tags', field),
    };
    const brand = optString(o, 'brand', field);
    if (brand !== undefined) item.brand = brand;
    if (typeof price === 'number') item.price = price;
    for (const key of ['currency', 'url', 'image', 'description'] as const) {
      const v = optString(o, key, field);
      if (v !== undefined) item[key] = v;
    }
    return item;
  });
  const catalog: Catalog = { items };
  const version = optString(r, 'version', 'catalog');
  if (version !== undefined) catalog.version = version;
  const currency = optString(r, 'currency', 'catalog');
  if (currency !== undefined) catalog.currency = currency;
  return catalog;
}
