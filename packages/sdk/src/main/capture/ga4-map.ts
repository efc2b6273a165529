// GA4 e-commerce events (dataLayer / gtag) → Segment e-commerce v2 events. Pure: no DOM, no
// globals, so it is tested in Node and the data-layer hook stays a thin loop around it.

/** One event to record: a Segment name and its properties. */
export type Mapped = [name: string, props: Record<string, unknown>];

import { isObj, type Obj } from './is-object.ts';

/** insitu keeps at most this many products per event (EVENT_LIMITS.products in core). */
const MAX_PRODUCTS = 100;

/** GA4 sends numbers, but shops often push them as strings ("25.00"): both become numbers. */
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/** Copies the fields that have a value, so absent GA4 fields leave no `undefined` behind. */
function defined(props: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined) out[k] = v;
  return out;
}

/** A GA4 item as a Segment product; undefined without an `item_id` (insitu keys on it). */
export function productOf(item: unknown): Obj | undefined {
  if (!isObj(item)) return undefined;
  const id = str(item['item_id']);
  if (id === undefined) return undefined;
  // GA4 spreads a category path over item_category … item_category5; core reads "a/b/c".
  const path = ['', '2', '3', '4', '5']
    .map((n) => str(item[`item_category${n}`]))
    .filter((c) => c !== undefined);
  return defined({
    product_id: id,
    name: str(item['item_name']),
    brand: str(item['item_brand']),
    category: path.length > 0 ? path.join('/') : undefined,
    variant: str(item['item_variant']),
    price: num(item['price']),
    quantity: num(item['quantity']),
    coupon: str(item['coupon']),
    position: num(item['index']),
  });
}

const productsOf = (params: Obj): Obj[] =>
  (Array.isArray(params['items']) ? params['items'] : [])
    .map(productOf)
    .filter((p) => p !== undefined)
    .slice(0, MAX_PRODUCTS);

const money = (p: Obj) => ({ currency: str(p['currency']), value: num(p['value']) });

/** Events about one product at a time: one Segment event per item, as Segment's spec has them. */
const PER_ITEM: Record<string, string> = {
  view_item: 'Product Viewed',
  select_item: 'Product Clicked',
  add_to_cart: 'Product Added',
  remove_from_cart: 'Product Removed',
  add_to_wishlist: 'Product Added to Wishlist',
};

const PROMOTION: Record<string, string> = {
  view_promotion: 'Promotion Viewed',
  select_promotion: 'Promotion Clicked',
};

/** A promotion's GA4 fields as Segment's; undefined when it names no promotion. */
function promotionOf(p: Obj): Obj | undefined {
  const out = defined({
    promotion_id: str(p['promotion_id']),
    name: str(p['promotion_name']),
    creative: str(p['creative_name']),
    position: str(p['creative_slot']),
  });
  return out['promotion_id'] === undefined && out['name'] === undefined ? undefined : out;
}

/**
 * The Segment events one GA4 e-commerce event stands for (often one; `add_to_cart` with three
 * items is three Product Added). Unknown events and malformed parameters give none.
 */
export function ga4ToSegment(event: string, params: unknown): Mapped[] {
  return eventsOf(event, isObj(params) ? params : {}).map(([name, props]) => [
    name,
    defined(props),
  ]);
}

function eventsOf(event: string, p: Obj): Mapped[] {
  const perItem = PER_ITEM[event];
  if (perItem !== undefined) {
    const products = productsOf(p);
    const list = { list_id: str(p['item_list_id']), list_name: str(p['item_list_name']) };
    // GA4's event value belongs to a single item; split over several it would mean nothing.
    const extra = {
      ...money(p),
      value: products.length === 1 ? num(p['value']) : undefined,
    };
    return products.map((product) => [
      perItem,
      { ...(event === 'select_item' ? list : {}), ...product, ...extra },
    ]);
  }
  const promotion = PROMOTION[event];
  if (promotion !== undefined) {
    // The promotion is named on the event, or (GA4 allows both) on each item.
    const top = promotionOf(p);
    const items = Array.isArray(p['items']) ? p['items'].filter(isObj) : [];
    const promos = top ? [top] : items.map(promotionOf).filter((x) => x !== undefined);
    return promos.map((x) => [promotion, x]);
  }
  const products = productsOf(p);
  switch (event) {
    case 'view_item_list':
      return [
        [
          'Product List Viewed',
          {
            list_id: str(p['item_list_id']) ?? str(p['item_list_name']),
            list_name: str(p['item_list_name']),
            products,
          },
        ],
      ];
    case 'view_cart':
      return [['Cart Viewed', { ...money(p), products }]];
    case 'begin_checkout':
      return [
        [
          'Checkout Started',
          { ...money(p), revenue: num(p['value']), coupon: str(p['coupon']), products },
        ],
      ];
    case 'add_payment_info':
      return [
        [
          'Payment Info Entered',
          {
            ...money(p),
            payment_method: str(p['payment_type']),
            coupon: str(p['coupon']),
            products,
          },
        ],
      ];
    case 'purchase':
    case 'refund': {
      const order = str(p['transaction_id']);
      if (order === undefined) return []; // GA4 requires it; without it the order means nothing.
      const common = {
        order_id: order,
        currency: str(p['currency']),
        shipping: num(p['shipping']),
        tax: num(p['tax']),
        coupon: str(p['coupon']),
        products,
      };
      return event === 'purchase'
        ? [
            [
              'Order Completed',
              // GA4's value is the items' sum without shipping and tax: Segment's revenue.
              { ...common, affiliation: str(p['affiliation']), revenue: num(p['value']) },
            ],
          ]
        : [['Order Refunded', { ...common, total: num(p['value']) }]];
    }
    case 'search': {
      const query = str(p['search_term']);
      return query === undefined ? [] : [['Products Searched', { query }]];
    }
    default:
      return [];
  }
}

/**
 * The GA4 event in one `dataLayer` entry, in either form: `{ event: 'view_item', ecommerce: {…} }`
 * (GTM) or the `arguments` object `gtag('event', 'view_item', {…})` pushes. Anything else
 * (`gtm.js`, `{ ecommerce: null }`, config calls) is undefined.
 */
export function ga4EventOf(entry: unknown): { event: string; params: unknown } | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Obj;
  if (e[0] === 'event' && typeof e[1] === 'string') return { event: e[1], params: e[2] };
  if (typeof e['event'] !== 'string') return undefined;
  // GTM reads the `ecommerce` object; some shops push the parameters at the top level instead.
  return { event: e['event'], params: isObj(e['ecommerce']) ? e['ecommerce'] : e };
}

/** Segment events for one `dataLayer` entry; none for entries that are not GA4 e-commerce. */
export function mapDataLayerEntry(entry: unknown): Mapped[] {
  const found = ga4EventOf(entry);
  return found === undefined ? [] : ga4ToSegment(found.event, found.params);
}
