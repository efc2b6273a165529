import { InsituError, type Result } from './errors.ts';
import type { RecommendRequest, Strategy } from './recommend-types.ts';

/** Every strategy `recommend()` knows. */
export const STRATEGIES: readonly Strategy[] = [
  'for-you',
  'similar-items',
  'bought-together',
  'trending',
  'recently-viewed',
];

/** Caps on a request: far above what a widget asks, low enough that no request is costly to copy. */
export const REQUEST_LIMITS = { limit: 100, list: 1000, string: 1000 } as const;

type Kind = 'bool' | 'limit' | 'unit' | 'price' | 'hours' | 'id' | 'ids' | 'strategy' | Schema;
interface Schema {
  readonly [key: string]: Kind;
}

/** The request's shape, as in `RecommendRequest`; this table is the one place it is checked. */
const REQUEST: Schema = {
  strategy: 'strategy',
  limit: 'limit',
  itemId: 'id',
  diversity: 'unit',
  filter: {
    inStock: 'bool',
    minPrice: 'price',
    maxPrice: 'price',
    categories: 'ids',
    brands: 'ids',
  },
  exclude: { ids: 'ids', purchased: 'bool', inCart: 'bool' },
  context: { category: 'id' },
  rotation: { rate: 'unit', hours: 'hours' },
  personal: 'bool',
};
const EXPECTED: Record<Exclude<Kind, Schema>, string> = {
  bool: 'true or false',
  limit: `an integer from 1 to ${REQUEST_LIMITS.limit}`,
  unit: 'a number from 0 to 1',
  price: 'a finite number, 0 or more',
  hours: 'a number of hours above 0, at most 8760 (a year)',
  id: 'a non-empty string',
  ids: `an array of at most ${REQUEST_LIMITS.list} non-empty strings`,
  strategy: `one of ${STRATEGIES.join(', ')}`,
};

const bad = (message: string, field: string) =>
  new InsituError('invalid_request', message, { field });

/** The checked copy of one value; ids (catalog ids may be numbers) become strings. */
function check(v: unknown, kind: Kind, field: string): unknown {
  if (typeof kind === 'object') return walk(v, kind, field);
  let ok = false;
  switch (kind) {
    case 'ids':
      if (Array.isArray(v) && v.length <= REQUEST_LIMITS.list) {
        return Array.from(v, (x: unknown, i) => check(x, 'id', `${field}[${i}]`));
      }
      break;
    case 'id':
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
      ok = typeof v === 'string' && v.trim() !== '' && v.length <= REQUEST_LIMITS.string;
      break;
    case 'bool':
      ok = typeof v === 'boolean';
      break;
    case 'limit':
      ok = Number.isInteger(v) && (v as number) >= 1 && (v as number) <= REQUEST_LIMITS.limit;
      break;
    case 'unit': // NaN fails both comparisons.
      ok = typeof v === 'number' && v >= 0 && v <= 1;
      break;
    case 'price':
      ok = typeof v === 'number' && v >= 0 && v < Infinity;
      break;
    case 'hours':
      ok = typeof v === 'number' && v > 0 && v <= 8760;
      break;
    case 'strategy':
      ok = STRATEGIES.includes(v as Strategy);
  }
  if (!ok) throw bad(`${field} must be ${EXPECTED[kind]}.`, field);
  return v;
}

/** A copy of a plain object with only the schema's keys; any other key is an error. */
function walk(v: unknown, schema: Schema, field: string): Record<string, unknown> {
  const proto = typeof v === 'object' && v !== null ? (Object.getPrototypeOf(v) as unknown) : 0;
  if (Array.isArray(v) || (proto !== Object.prototype && proto !== null)) {
    throw bad(`${field || 'request'} must be a plain object.`, field || 'request');
  }
  const o = v as Record<PropertyKey, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Reflect.ownKeys(o)) {
    const value = o[key];
    // An explicit undefined is an absent option (spread-built requests often carry them).
    if (value === undefined) continue;
    const name = String(key);
    const at = field ? `${field}.${name}` : name;
    if (typeof key !== 'string' || !Object.hasOwn(schema, key)) {
      throw bad(`Unknown option "${name}"; known: ${Object.keys(schema).join(', ')}.`, at);
    }
    out[key] = check(value, schema[key]!, at);
  }
  return out;
}

/**
 * Checks the argument of `recommend()` and returns a clean copy holding only the known fields
 * (ids as strings), or an `invalid_request` error naming the field (`filter.minPrice`,
 * `exclude.ids[2]`, …). Unknown keys are rejected, not dropped, so a misspelt option
 * (`filters`, `limt`) is noticed instead of silently ignored. Never throws; defaults are left to
 * the strategies.
 */
export function validateRecommendRequest(input: unknown): Result<RecommendRequest> {
  try {
    const r = walk(input, REQUEST, '') as unknown as RecommendRequest;
    if (r.strategy === undefined) check(undefined, 'strategy', 'strategy');
    const { minPrice, maxPrice } = r.filter ?? {};
    if (maxPrice !== undefined && minPrice !== undefined && maxPrice < minPrice) {
      throw bad('filter.maxPrice must not be below filter.minPrice.', 'filter.maxPrice');
    }
    return { ok: true, value: r };
  } catch (e) {
    const error =
      e instanceof InsituError
        ? e
        : bad('The request could not be read; pass a plain object.', 'request');
    return { ok: false, error };
  }
}
