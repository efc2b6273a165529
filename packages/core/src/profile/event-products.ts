import type { StoredEvent } from '../events.ts';
import type { JsonObject, JsonValue } from '../json.ts';
import type { CatalogIndex } from './catalog-index.ts';
import type { EventKind } from './state.ts';

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

/** Which kind each standard event counts as; the rest only mark activity. */
export const KIND_OF_EVENT: Readonly<Record<string, EventKind>> = {
  'Product Viewed': 'view',
  'Product Clicked': 'click',
  'Recommendation Clicked': 'click',
  'Product Added': 'add',
  'Product Removed': 'remove',
  'Checkout Started': 'checkout',
  'Order Completed': 'purchase',
  'Product Reviewed': 'review',
  'Products Searched': 'search',
  'Product List Viewed': 'list',
};

const isObject = (v: JsonValue | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const num = (v: JsonValue | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

const str = (v: JsonValue | undefined): string | undefined =>
  typeof v === 'string' && v !== '' ? v : undefined;

function productOf(p: JsonObject, index: CatalogIndex): EventProduct | undefined {
  const raw = p['product_id'];
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const id = String(raw);
  const item = index.items.get(id);
  const category = str(p['category']);
  const out: EventProduct = {
    id,
    // The catalog wins: events carry whatever the page happened to send.
    categories: item?.categories ?? (category === undefined ? [] : category.split('/')),
    quantity: Math.max(1, num(p['quantity']) ?? 1),
    terms: item?.terms ?? [],
  };
  const brand = item?.brand ?? str(p['brand']);
  if (brand !== undefined) out.brand = brand;
  const price = num(p['price']) ?? item?.price;
  if (price !== undefined) out.price = price;
  if (item?.pricePct !== undefined) out.pricePct = item.pricePct;
  return out;
}

/** The products of an event: its own `product_id`, then each entry of `products`. */
export function eventProducts(event: StoredEvent, index: CatalogIndex): EventProduct[] {
  const out: EventProduct[] = [];
  const own = productOf(event.props, index);
  if (own !== undefined) out.push(own);
  const list = event.props['products'];
  if (Array.isArray(list)) {
    for (const p of list) {
      const product = isObject(p) ? productOf(p, index) : undefined;
      if (product !== undefined) out.push(product);
    }
  }
  return out;
}

export { num, str };
