import { InsituError, type Result } from './errors.ts';
import type {
  RecommendExclude,
  RecommendFilter,
  RecommendRequest,
  Strategy,
} from './recommend-types.ts';

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

/** Thrown inside the walk and turned into a `Result` at the top; never escapes. */
class Bad extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const STRATEGY_SET = new Set<unknown>(STRATEGIES);

/** A plain object, read through its own keys only, whose keys are all in `known`. */
function record(v: unknown, field: string, known: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new Bad(`${field} must be an object.`, field);
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new Bad(`${field} must be a plain object.`, field);
  }
  const o = v as Record<string, unknown>;
  for (const key of Reflect.ownKeys(o)) {
    // An explicit undefined is an absent option (spread-built requests often carry them).
    if (typeof key === 'string' && (known.includes(key) || o[key] === undefined)) continue;
    const name = typeof key === 'string' ? key : String(key);
    const where = field === 'request' ? name : `${field}.${name}`;
    throw new Bad(`Unknown option "${name}"; known: ${known.join(', ')}.`, where);
  }
  return o;
}

const own = (o: Record<string, unknown>, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;

function bool(v: unknown, field: string): boolean | undefined {
  if (v === undefined || typeof v === 'boolean') return v;
  throw new Bad(`${field} must be true or false.`, field);
}

function num(v: unknown, field: string, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new Bad(`${field} must be a number from ${min} to ${max}.`, field);
  }
  return v;
}

/** An id or name: a non-empty string, or a finite number (catalog ids may be numbers). */
function id(v: unknown, field: string): string {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string' || v.trim() === '' || v.length > REQUEST_LIMITS.string) {
    throw new Bad(`${field} must be a non-empty string.`, field);
  }
  return v;
}

function ids(v: unknown, field: string): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new Bad(`${field} must be an array of strings.`, field);
  if (v.length > REQUEST_LIMITS.list) {
    throw new Bad(`${field} has ${v.length} entries; at most ${REQUEST_LIMITS.list}.`, field);
  }
  return Array.from(v, (x: unknown, i) => id(x, `${field}[${i}]`));
}

function filterOf(v: unknown): RecommendFilter {
  const f = record(v, 'filter', ['inStock', 'minPrice', 'maxPrice', 'categories', 'brands']);
  const out: RecommendFilter = {};
  const inStock = bool(own(f, 'inStock'), 'filter.inStock');
  const minPrice = num(own(f, 'minPrice'), 'filter.minPrice', 0, Number.MAX_VALUE);
  const maxPrice = num(own(f, 'maxPrice'), 'filter.maxPrice', 0, Number.MAX_VALUE);
  const categories = ids(own(f, 'categories'), 'filter.categories');
  const brands = ids(own(f, 'brands'), 'filter.brands');
  if (minPrice !== undefined && maxPrice !== undefined && maxPrice < minPrice) {
    throw new Bad('filter.maxPrice must not be below filter.minPrice.', 'filter.maxPrice');
  }
  if (inStock !== undefined) out.inStock = inStock;
  if (minPrice !== undefined) out.minPrice = minPrice;
  if (maxPrice !== undefined) out.maxPrice = maxPrice;
  if (categories !== undefined) out.categories = categories;
  if (brands !== undefined) out.brands = brands;
  return out;
}

function excludeOf(v: unknown): RecommendExclude {
  const x = record(v, 'exclude', ['ids', 'purchased', 'inCart']);
  const out: RecommendExclude = {};
  const list = ids(own(x, 'ids'), 'exclude.ids');
  const purchased = bool(own(x, 'purchased'), 'exclude.purchased');
  const inCart = bool(own(x, 'inCart'), 'exclude.inCart');
  if (list !== undefined) out.ids = list;
  if (purchased !== undefined) out.purchased = purchased;
  if (inCart !== undefined) out.inCart = inCart;
  return out;
}

function contextOf(v: unknown): { category?: string } {
  const c = record(v, 'context', ['category']);
  const category = own(c, 'category');
  return category === undefined ? {} : { category: id(category, 'context.category') };
}

function requestOf(input: unknown): RecommendRequest {
  const known = ['strategy', 'limit', 'itemId', 'filter', 'exclude', 'diversity', 'context'];
  const r = record(input, 'request', known);
  const strategy = own(r, 'strategy');
  if (!STRATEGY_SET.has(strategy)) {
    throw new Bad(`Unknown strategy; use one of ${STRATEGIES.join(', ')}.`, 'strategy');
  }
  const out: RecommendRequest = { strategy: strategy as Strategy };
  const limit = own(r, 'limit');
  if (limit !== undefined) {
    if (
      !Number.isInteger(limit) ||
      (limit as number) < 1 ||
      (limit as number) > REQUEST_LIMITS.limit
    ) {
      throw new Bad(`limit must be an integer from 1 to ${REQUEST_LIMITS.limit}.`, 'limit');
    }
    out.limit = limit as number;
  }
  const itemId = own(r, 'itemId');
  if (itemId !== undefined) out.itemId = id(itemId, 'itemId');
  const diversity = num(own(r, 'diversity'), 'diversity', 0, 1);
  if (diversity !== undefined) out.diversity = diversity;
  if (own(r, 'filter') !== undefined) out.filter = filterOf(own(r, 'filter'));
  if (own(r, 'exclude') !== undefined) out.exclude = excludeOf(own(r, 'exclude'));
  if (own(r, 'context') !== undefined) out.context = contextOf(own(r, 'context'));
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
    return { ok: true, value: requestOf(input) };
  } catch (e) {
    const field = e instanceof Bad ? e.field : 'request';
    const message =
      e instanceof Bad ? e.message : 'The request could not be read; pass a plain object.';
    return { ok: false, error: new InsituError('invalid_request', message, { field }) };
  }
}
