import type { Result } from './errors.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { meaningOf, type EventMeaning } from './event-meaning.ts';
import type { RawEvent, StoredEvent } from './events.ts';
import { EVENT_LIMITS, checkJson, failEvent as fail, isPlainObject } from './check-json.ts';

export { EVENT_LIMITS } from './check-json.ts';

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
  const meaning = meaningOf(name);
  const semantic = meaning === undefined ? ok(undefined) : checkStandard(name, meaning, obj);
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

/** The products an event names, laid out as its meaning says (`EventMeaning.names`). */
function checkStandard(
  name: string,
  meaning: Readonly<EventMeaning>,
  props: JsonObject,
): Result<undefined> {
  // A product event's properties are its product: one check covers both.
  const top =
    meaning.names === 'one'
      ? checkProduct(props, 'properties', meaning.stringy)
      : checkNumbers(props, 'properties', meaning.stringy);
  if (!top.ok) return top;
  const products = props['products'];
  if (meaning.names === 'order' && !Array.isArray(products)) {
    return fail(`${name} needs a products array.`, 'properties.products');
  }
  if ((meaning.names === 'list' || meaning.names === 'order') && products !== undefined) {
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
