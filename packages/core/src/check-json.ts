import { InsituError, type Result } from './errors.ts';
import type { JsonValue } from './json.ts';

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

/** A failed check with code `invalid_event`, naming the field. */
export const failEvent = (message: string, field: string): Result<never> => ({
  ok: false,
  error: new InsituError('invalid_event', message, { field }),
});

const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** An object literal (or `Object.create(null)`): not an array, Map, Date, class instance or node. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Checks that `v` is JSON within {@link EVENT_LIMITS}, or fails naming the first bad field. A
 * valid `Date` passes: `JSON.stringify` stores it as its ISO string.
 */
export function checkJson(v: unknown, field: string, depth: number): Result<JsonValue> {
  if (depth > EVENT_LIMITS.depth)
    return failEvent(`Nested too deeply (over ${EVENT_LIMITS.depth} levels).`, field);
  switch (typeof v) {
    case 'string': {
      const key = field.slice(field.lastIndexOf('.') + 1);
      const cap = TEXT_FIELDS.has(key) ? EVENT_LIMITS.textLength : EVENT_LIMITS.stringLength;
      if (v.length > cap) return failEvent(`String is over ${cap} characters; shorten it.`, field);
      return ok(v);
    }
    case 'number':
      return Number.isFinite(v)
        ? ok(v)
        : failEvent('Numbers must be finite (no NaN or Infinity).', field);
    case 'boolean':
      return ok(v);
    case 'object':
      return v === null ? ok(v) : checkObject(v, field, depth);
    default:
      return failEvent(`A ${typeof v} cannot be stored; send JSON values only.`, field);
  }
}

function checkObject(v: object, field: string, depth: number): Result<JsonValue> {
  if (Array.isArray(v)) {
    if (v.length > EVENT_LIMITS.products) {
      return failEvent(`Array has ${v.length} entries; at most ${EVENT_LIMITS.products}.`, field);
    }
    for (let i = 0; i < v.length; i++) {
      const r = checkJson(v[i], `${field}[${i}]`, depth + 1);
      if (!r.ok) return r;
    }
    return ok(v as JsonValue);
  }
  if (v instanceof Date) {
    return Number.isNaN(v.getTime())
      ? failEvent('Invalid Date; send a valid Date or an ISO string.', field)
      : ok(v.toISOString());
  }
  if (!isPlainObject(v)) {
    return failEvent(
      'Only plain objects, arrays, strings, numbers, booleans, Dates and null are allowed.',
      field,
    );
  }
  // Own keys include a literal "__proto__" created by JSON.parse or Object.defineProperty.
  const keys = Reflect.ownKeys(v);
  if (depth > 0 && keys.length > EVENT_LIMITS.properties) {
    return failEvent(`Object has ${keys.length} keys; at most ${EVENT_LIMITS.properties}.`, field);
  }
  for (const key of keys) {
    if (typeof key !== 'string') return failEvent('Symbol keys are not allowed.', field);
    if (FORBIDDEN_KEYS.has(key))
      return failEvent(`Key "${key}" is not allowed.`, `${field}.${key}`);
    // An absent optional field often arrives as undefined; JSON drops it, and so do we.
    if (v[key] === undefined) continue;
    const r = checkJson(v[key], `${field}.${key}`, depth + 1);
    if (!r.ok) return r;
  }
  return ok(v as JsonValue);
}
