import type { Result } from './errors.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { STANDARD_EVENTS, type RawEvent, type StoredEvent } from './events.ts';
import { EVENT_LIMITS, checkJson, failEvent as fail, isPlainObject } from './check-json.ts';

export { EVENT_LIMITS } from './check-json.ts';

/**
 * Which products a standard event names, as the Segment e-commerce v2 spec lays them out (plus
 * insitu's own Recommendation events). Kept here, next to the checks that use it; what each event
 * means for the profile lives elsewhere.
 */
interface Shape {
  /** The event is about one product: a top-level `product_id` is required. */
  product?: true;
  /** The event may carry `products[]` (each entry needs a `product_id`); `required`: it must. */
  products?: 'optional' | 'required';
  /** Fields the spec types as String for this event although other events type them as Number. */
  stringy?: ReadonlySet<string>;
}
const ONE: Shape = { product: true };
const LIST: Shape = { products: 'optional' };
const NONE: Shape = {};
const PROMOTION: Shape = { stringy: new Set(['position']) };
const SHAPES: Readonly<Record<string, Shape>> = {
  'Products Searched': NONE,
  'Product List Viewed': LIST,
  'Product List Filtered': LIST,
  'Promotion Viewed': PROMOTION,
  'Promotion Clicked': PROMOTION,
  'Product Clicked': ONE,
  'Product Viewed': ONE,
  'Product Added': ONE,
  'Product Removed': ONE,
  'Cart Viewed': LIST,
  'Checkout Started': LIST,
  'Checkout Step Viewed': NONE,
  'Checkout Step Completed': NONE,
  'Payment Info Entered': NONE,
  'Order Updated': LIST,
  'Order Completed': { products: 'required' },
  // The spec documents only order_id, but its example lists the refunded products.
  'Order Refunded': LIST,
  'Order Cancelled': LIST,
  'Coupon Entered': NONE,
  'Coupon Applied': NONE,
  'Coupon Denied': NONE,
  'Coupon Removed': NONE,
  'Product Added to Wishlist': ONE,
  'Product Removed from Wishlist': ONE,
  'Wishlist Product Added to Cart': ONE,
  'Product Shared': ONE,
  'Cart Shared': LIST,
  // The spec's own example sends rating: '5'; shops also send numbers.
  'Product Reviewed': { product: true, stringy: new Set(['rating']) },
  'Recommendation Shown': LIST,
  'Recommendation Clicked': ONE,
};
/** Fields the spec types as Number, at the top level and in products[]. */
const NUMBER_FIELDS = new Set([
  'price',
  'quantity',
  'position',
  'value',
  'revenue',
  'total',
  'subtotal',
  'shipping',
  'tax',
  'discount',
  'step',
  'rating',
]);
const NON_NEGATIVE = ['quantity', 'price'] as const;
/** Standard events named by events.ts but not (yet) in the table: numeric checks only. */
const KNOWN = new Set<string>([...STANDARD_EVENTS, ...Object.keys(SHAPES)]);

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/**
 * Checks an event from `track()` and returns it in stored form, or an `invalid_event` error
 * naming the field. Never throws, whatever it is given: an event that cannot even be read (a
 * throwing getter, a revoked proxy) fails on `properties`.
 */
export function validateEvent(raw: RawEvent): Result<StoredEvent> {
  if (typeof raw !== 'object' || raw === null) return fail('Event must be an object.', 'event');
  try {
    return validate(raw);
  } catch (e) {
    return fail(`Event properties could not be read (${describe(e)}).`, 'properties');
  }
}

function describe(e: unknown): string {
  try {
    return e instanceof Error ? e.message : String(e);
  } catch {
    return 'unreadable error';
  }
}

function validate(raw: RawEvent): Result<StoredEvent> {
  const { name, props } = raw;
  // The id is the storage key: one without it would fail the whole batch's transaction.
  if (typeof raw.id !== 'string' || raw.id === '') {
    return fail('Event id must be a non-empty string.', 'id');
  }
  if (typeof name !== 'string' || name.trim() === '') {
    return fail(
      'Event name must be a non-empty string, e.g. track("Product Viewed", {...}).',
      'name',
    );
  }
  if (name.length > EVENT_LIMITS.nameLength) {
    return fail(`Event name is over ${EVENT_LIMITS.nameLength} characters; shorten it.`, 'name');
  }
  if (typeof raw.ts !== 'number' || !Number.isFinite(raw.ts)) {
    return fail('Event timestamp must be a finite number.', 'ts');
  }
  const p = props ?? {};
  if (!isPlainObject(p)) return fail('Event properties must be a plain object.', 'properties');
  const checked = checkJson(p, 'properties', 0);
  if (!checked.ok) return checked;
  if (Object.keys(p).length > EVENT_LIMITS.properties) {
    return fail(
      `Event has ${Object.keys(p).length} properties; at most ${EVENT_LIMITS.properties} are kept. Send fewer.`,
      'properties',
    );
  }
  const json = JSON.stringify(p);
  if (json.length > EVENT_LIMITS.jsonLength) {
    return fail(
      `Event properties are over ${EVENT_LIMITS.jsonLength} characters as JSON; send less.`,
      'properties',
    );
  }
  // Via JSON: drops properties set to undefined, which JSON has no way to say; Dates become ISO.
  const obj = JSON.parse(json) as JsonObject;
  const semantic = KNOWN.has(name) ? checkStandard(name, obj) : ok(undefined);
  if (!semantic.ok) return semantic;
  return { ok: true, value: { id: raw.id, name, props: obj, ts: raw.ts, items: itemsOf(obj) } };
}

/** Numbers where the spec says Number (or, for `stringy` fields, a string), none negative. */
function checkNumbers(
  o: JsonObject,
  field: string,
  stringy?: ReadonlySet<string>,
): Result<undefined> {
  for (const [key, value] of Object.entries(o)) {
    if (!NUMBER_FIELDS.has(key) || value === null || typeof value === 'number') continue;
    if (typeof value === 'string' && stringy?.has(key)) continue;
    const what = stringy?.has(key) ? 'a number or a string' : 'a number';
    return fail(`${key} must be ${what}.`, `${field}.${key}`);
  }
  for (const key of NON_NEGATIVE) {
    const value = o[key];
    if (typeof value === 'number' && value < 0) {
      return fail(`${key} must not be negative.`, `${field}.${key}`);
    }
  }
  return ok(undefined);
}

function checkProduct(
  p: JsonValue | undefined,
  field: string,
  stringy?: ReadonlySet<string>,
): Result<undefined> {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    return fail('Expected a product object with a product_id.', field);
  }
  const id = p['product_id'];
  if (typeof id !== 'string' && typeof id !== 'number') {
    return fail('Missing product_id (a string or number).', `${field}.product_id`);
  }
  if (String(id).trim() === '') return fail('product_id must not be empty.', `${field}.product_id`);
  return checkNumbers(p, field, stringy);
}

/** An optional array of objects, such as Product List Filtered's `filters` and `sorts`. */
function checkObjects(props: JsonObject, key: string): Result<undefined> {
  const list = props[key];
  if (list === undefined) return ok(undefined);
  if (!Array.isArray(list)) return fail(`${key} must be an array.`, `properties.${key}`);
  const i = list.findIndex((x) => typeof x !== 'object' || x === null || Array.isArray(x));
  return i < 0 ? ok(undefined) : fail(`${key} entries must be objects.`, `properties.${key}[${i}]`);
}

function checkStandard(name: string, props: JsonObject): Result<undefined> {
  const shape = SHAPES[name] ?? NONE;
  // A product event's properties are its product: one check covers both.
  const top = shape.product
    ? checkProduct(props, 'properties', shape.stringy)
    : checkNumbers(props, 'properties', shape.stringy);
  if (!top.ok) return top;
  const products = props['products'];
  if (shape.products === 'required' && !Array.isArray(products)) {
    return fail(`${name} needs a products array.`, 'properties.products');
  }
  if (shape.products && products !== undefined) {
    if (!Array.isArray(products)) return fail('products must be an array.', 'properties.products');
    for (let i = 0; i < products.length; i++) {
      const r = checkProduct(products[i], `properties.products[${i}]`);
      if (!r.ok) return r;
    }
  }
  return checkSpecial(name, props);
}

/** The few per-event rules beyond products and numbers. */
function checkSpecial(name: string, props: JsonObject): Result<undefined> {
  if (name === 'Products Searched') {
    // The spec types query as String | Object (structured search forms).
    const q = props['query'];
    if (typeof q !== 'string' && !(typeof q === 'object' && q !== null && !Array.isArray(q))) {
      return fail('Products Searched needs a query (a string or an object).', 'properties.query');
    }
  }
  if (name === 'Product Reviewed' && props['review_body'] !== undefined) {
    if (typeof props['review_body'] !== 'string') {
      return fail('review_body must be a string.', 'properties.review_body');
    }
  }
  if (name === 'Product List Filtered') {
    const filters = checkObjects(props, 'filters');
    return filters.ok ? checkObjects(props, 'sorts') : filters;
  }
  return ok(undefined);
}

/** Every product id an event mentions, as strings, without duplicates. */
export function itemsOf(props: JsonObject): string[] {
  const ids = new Set<string>();
  const id = props['product_id'];
  if (typeof id === 'string' || typeof id === 'number') ids.add(String(id));
  const products = props['products'];
  if (Array.isArray(products)) {
    for (const p of products) {
      if (typeof p === 'object' && p !== null && !Array.isArray(p)) {
        const pid = p['product_id'];
        if (typeof pid === 'string' || typeof pid === 'number') ids.add(String(pid));
      }
    }
  }
  return [...ids];
}
