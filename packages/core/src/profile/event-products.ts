import { productRefs, type ProductRef } from '../event-meaning.ts';
import type { StoredEvent } from '../events.ts';
import { catalogBrand, catalogCategory, type CatalogIndex } from './catalog-index.ts';

/** A product an event mentions, with what the catalog (or, failing it, the event) says about it. */
export interface EventProduct {
  id: string;
  categories: string[];
  brand?: string;
  price?: number;
  pricePct?: number;
  quantity: number;
  /** Distinctive terms with weights; empty for items the catalog lacks. */
  terms: { term: string; weight: number }[];
}

/**
 * The catalog is the truth: a product it knows takes its categories, brand and price from it.
 * For one it does not know, the event's `category` counts only when it names a catalog category
 * (`catalogCategory`), its brand in the catalog's spelling when the catalog has that brand, and
 * its price as sent.
 */
export function productOf(ref: ProductRef, index: CatalogIndex): EventProduct {
  const item = index.items.get(ref.id);
  const out: EventProduct = {
    id: ref.id,
    categories: [],
    quantity: Math.max(1, ref.quantity ?? 1),
    terms: item?.terms ?? [],
  };
  if (item !== undefined) {
    out.categories = item.categories;
    if (item.brand !== undefined) out.brand = item.brand;
    if (item.price !== undefined) out.price = item.price;
    if (item.pricePct !== undefined) out.pricePct = item.pricePct;
    return out;
  }
  const category = ref.category === undefined ? undefined : catalogCategory(index, ref.category);
  if (category !== undefined) out.categories = [category];
  if (ref.brand !== undefined) out.brand = catalogBrand(index, ref.brand);
  if (ref.price !== undefined) out.price = ref.price;
  return out;
}

/** The products of an event: its own `product_id`, then each entry of `products`. */
export function eventProducts(event: StoredEvent, index: CatalogIndex): EventProduct[] {
  return productRefs(event.props).map((ref) => productOf(ref, index));
}
