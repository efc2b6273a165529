import { InsituError, type Result } from './errors.ts';
import type { JsonObject, JsonValue } from './json.ts';
import { STANDARD_EVENTS, type RawEvent, type StoredEvent } from './events.ts';

/** Limits on what one event may carry; generous for real shops, tight enough to stop abuse. */
export const EVENT_LIMITS = {
  nameLength: 100,
  stringLength: 1000,
  /** Review bodies and search queries may be longer than other strings. */
  textLength: 5000,
  properties: 50,
  products: 100,
  depth: 4,
  /** Characters of the whole event as JSON; stops wide nesting that passes every other cap. */
  jsonLength: 65_536,
} as const;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const TEXT_FIELDS = new Set(['review_body', 'query', 'description']);
const PRODUCT_EVENTS = new Set([
  'Product Viewed',
  'Product Clicked',
  'Product Added',
  'Product Removed',
  'Product Reviewed',
  'Recommendation Clicked',
]);
const LIST_EVENTS = new Set([
  'Cart Viewed',
  'Checkout Started',
  'Order Completed',
  'Product List Viewed',
  'Recommendation Shown',
]);
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
  'rating',
]);
const STANDARD = new Set<string>(STANDARD_EVENTS);

const fail = (message: string, field: string): Result<never> => ({
  ok: false,
  error: new InsituError('invalid_event', message, { field }),
});

/** Checks an event from `track()` and returns it in stored form, or an error naming the field. */
export function validateEvent(raw: RawEvent): Result<StoredEvent> {
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
  if (!Number.isFinite(raw.ts)) return fail('Event timestamp must be a finite number.', 'ts');
  const p = props ?? {};
  const checked = checkJson(p, 'properties', 0);
  if (!checked.ok) return checked;
  if (!isPlainObject(p)) return fail('Event properties must be a plain object.', 'properties');
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
  // Via JSON: drops properties set to undefined, which JSON has no way to say.
  const obj = JSON.parse(json) as JsonObject;
  const semantic = STANDARD.has(name) ? checkStandard(name, obj) : ok(undefined);
  if (!semantic.ok) return semantic;
  return { ok: true, value: { id: raw.id, name, props: obj, ts: raw.ts, items: itemsOf(obj) } };
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function checkJson(v: unknown, field: string, depth: number): Result<JsonValue> {
  if (depth > EVENT_LIMITS.depth)
    return fail(`Nested too deeply (over ${EVENT_LIMITS.depth} levels).`, field);
  switch (typeof v) {
    case 'string': {
      const key = field.slice(field.lastIndexOf('.') + 1);
      const cap = TEXT_FIELDS.has(key) ? EVENT_LIMITS.textLength : EVENT_LIMITS.stringLength;
      if (v.length > cap) return fail(`String is over ${cap} characters; shorten it.`, field);
      return ok(v);
    }
    case 'number':
      return Number.isFinite(v)
        ? ok(v)
        : fail('Numbers must be finite (no NaN or Infinity).', field);
    case 'boolean':
      return ok(v);
    case 'object': {
      if (v === null) return ok(v);
      if (Array.isArray(v)) {
        if (v.length > EVENT_LIMITS.products) {
          return fail(`Array has ${v.length} entries; at most ${EVENT_LIMITS.products}.`, field);
        }
        for (let i = 0; i < v.length; i++) {
          const r = checkJson(v[i], `${field}[${i}]`, depth + 1);
          if (!r.ok) return r;
        }
        return ok(v as JsonValue);
      }
      if (!isPlainObject(v)) {
        return fail(
          'Only plain objects, arrays, strings, numbers, booleans and null are allowed.',
          field,
        );
      }
      // Own keys include a literal "__proto__" created by JSON.parse or Object.defineProperty.
      const keys = Reflect.ownKeys(v);
      if (depth > 0 && keys.length > EVENT_LIMITS.properties) {
        return fail(`Object has ${keys.length} keys; at most ${EVENT_LIMITS.properties}.`, field);
      }
      for (const key of keys) {
        if (typeof key !== 'string') return fail('Symbol keys are not allowed.', field);
        if (FORBIDDEN_KEYS.has(key)) return fail(`Key "${key}" is not allowed.`, `${field}.${key}`);
        // An absent optional field often arrives as undefined; JSON drops it, and so do we.
        if (v[key] === undefined) continue;
        const r = checkJson(v[key], `${field}.${key}`, depth + 1);
        if (!r.ok) return r;
      }
      return ok(v as JsonValue);
    }
    default:
      return fail(`A ${typeof v} cannot be stored; send JSON values only.`, field);
  }
}

function checkProduct(
  p: JsonValue | undefined,
  field: string,
  required: boolean,
): Result<undefined> {
  if (p === undefined && !required) return ok(undefined);
  if (typeof p !== 'object' || p === null || Array.isArray(p)) {
    return fail('Expected a product object with a product_id.', field);
  }
  const id = p['product_id'];
  if (typeof id !== 'string' && typeof id !== 'number') {
    return fail('Missing product_id (a string or number).', `${field}.product_id`);
  }
  if (String(id).trim() === '') return fail('product_id must not be empty.', `${field}.product_id`);
  for (const [key, value] of Object.entries(p)) {
    if (NUMBER_FIELDS.has(key) && value !== null && typeof value !== 'number') {
      return fail(`${key} must be a number.`, `${field}.${key}`);
    }
  }
  if (typeof p['quantity'] === 'number' && p['quantity'] < 0) {
    return fail('quantity must not be negative.', `${field}.quantity`);
  }
  if (typeof p['price'] === 'number' && p['price'] < 0) {
    return fail('price must not be negative.', `${field}.price`);
  }
  return ok(undefined);
}

function checkStandard(name: string, props: JsonObject): Result<undefined> {
  for (const [key, value] of Object.entries(props)) {
    if (NUMBER_FIELDS.has(key) && value !== null && typeof value !== 'number') {
      return fail(`${key} must be a number.`, `properties.${key}`);
    }
  }
  if (PRODUCT_EVENTS.has(name)) {
    const r = checkProduct(props, 'properties', true);
    if (!r.ok) return r;
  }
  if (name === 'Product Reviewed' && props['review_body'] !== undefined) {
    if (typeof props['review_body'] !== 'string') {
      return fail('review_body must be a string.', 'properties.review_body');
    }
  }
  if (name === 'Products Searched' && typeof props['query'] !== 'string') {
    return fail('Products Searched needs a query string.', 'properties.query');
  }
  if (LIST_EVENTS.has(name) && props['products'] !== undefined) {
    const products = props['products'];
    if (!Array.isArray(products)) return fail('products must be an array.', 'properties.products');
    for (let i = 0; i < products.length; i++) {
      const r = checkProduct(products[i], `properties.products[${i}]`, true);
      if (!r.ok) return r;
    }
  }
  if (name === 'Order Completed' && !Array.isArray(props['products'])) {
    return fail('Order Completed needs a products array.', 'properties.products');
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
