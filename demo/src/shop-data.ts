import type { Catalog, CatalogItem } from '@insitu/core';

/** A department of the shop, derived from the second level of the items' categories. */
export interface Department {
  slug: string;
  name: string;
  group: string;
  items: CatalogItem[];
}

/** The shop's product data, indexed for the pages. */
export interface Shop {
  items: CatalogItem[];
  byId: Map<string, CatalogItem>;
  departments: Department[];
  currency: string;
}

/** Where the demo serves the catalog; the SDK reads the same file (data-catalog). */
export const CATALOG_URL = '/insitu/catalog.json';

/** "Coffee & Tea" → "coffee-tea". */
export const slugify = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

let shop: Promise<Shop> | undefined;

/** Loads catalog.json once per page (the browser cache makes the SDK's fetch of it free). */
export function loadShop(): Promise<Shop> {
  shop ??= fetch(CATALOG_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`catalog.json: HTTP ${r.status}; run \`npm run demo\` first`);
      return r.json() as Promise<Catalog>;
    })
    .then((catalog) => {
      const departments = new Map<string, Department>();
      for (const item of catalog.items) {
        const name = item.categories[1] ?? item.categories[0] ?? 'Other';
        const slug = slugify(name);
        let d = departments.get(slug);
        if (!d) {
          d = { slug, name, group: item.categories[0] ?? name, items: [] };
          departments.set(slug, d);
        }
        d.items.push(item);
      }
      return {
        items: catalog.items,
        byId: new Map(catalog.items.map((i) => [i.id, i])),
        departments: [...departments.values()],
        currency: catalog.currency ?? 'EUR',
      };
    });
  return shop;
}

/** "€129.99". */
export function formatPrice(value: number | undefined, currency = 'EUR'): string {
  if (value === undefined) return '';
  return new Intl.NumberFormat('en-IE', { style: 'currency', currency }).format(value);
}

/** The item's department slug (for links and tracking). */
export const departmentOf = (item: CatalogItem): string =>
  slugify(item.categories[1] ?? item.categories[0] ?? 'other');

/** A product as Segment e-commerce v2 describes it in event properties. */
export function productProps(item: CatalogItem, extra: Record<string, unknown> = {}) {
  return {
    product_id: item.id,
    name: item.title,
    category: item.categories.join(' > '),
    brand: item.brand ?? '',
    price: item.price ?? 0,
    url: item.url ?? '',
    image_url: item.image ?? '',
    ...extra,
  };
}
