import { EVENT_LIMITS, InsituError } from '@insitu/core';

/** `properties.products[2].price` from the keys walked so far. */
function fieldOf(path: readonly (string | number)[]): string {
  let field = 'properties';
  for (const key of path) field += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return field;
}

/**
 * Copies `track()` properties in one walk, so the page may change its object afterwards and the
 * batch always crosses postMessage: Symbols, functions, BigInts and objects that are not plain
 * (Map, Set, class instances, DOM nodes, typed arrays) are refused, a `Date` becomes its ISO
 * string, and properties set to `undefined` are left out, as JSON leaves them out. A cycle is
 * refused by the depth rule (`EVENT_LIMITS.depth`, as in `validateEvent`), so no set of visited
 * objects is kept. Everything else (string lengths, key counts, the Segment rules) is left to the
 * worker's `validateEvent`, so the main thread stays cheap. Throws `InsituError('invalid_event')`
 * naming the field.
 */
export function copyProps(props: unknown): Record<string, unknown> | undefined {
  if (props === undefined || props === null) return undefined;
  path.length = 0;
  try {
    if (typeof props !== 'object' || Array.isArray(props) || props instanceof Date) {
      throw refuse('Event properties must be a plain object.');
    }
    return copy(props) as Record<string, unknown>;
  } catch (e) {
    // A throwing getter or a revoked proxy fails here too, at the field being read.
    throw e instanceof InsituError ? e : refuse('A value could not be read.');
  }
}

/**
 * Keys walked to the value being copied; one array for every call (copies never overlap), and
 * module-level helpers, so a call allocates only the copy itself.
 */
const path: (string | number)[] = [];

const refuse = (message: string) =>
  new InsituError('invalid_event', message, { field: fieldOf(path) });

/** The value's kind for a message: `symbol`, `bigint`, `Map`, `HTMLDivElement`, … */
const kind = (v: unknown) =>
  typeof v === 'object' ? Object.prototype.toString.call(v).slice(8, -1) : typeof v;

function copy(v: unknown): unknown {
  if (path.length > EVENT_LIMITS.depth) {
    throw refuse(`Nested over ${EVENT_LIMITS.depth} levels deep (or a cycle).`);
  }
  const type = typeof v;
  if (type === 'string' || type === 'number' || type === 'boolean' || v == null) return v;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) throw refuse('Invalid Date.');
    return v.toISOString();
  }
  if (Array.isArray(v)) {
    const list = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      list[i] = copy(v[i]);
      path.pop();
    }
    return list;
  }
  // A plain object: its prototype is Object.prototype, none, or another realm's (an iframe's)
  // Object.prototype, the only prototype whose own prototype is null.
  const proto = type === 'object' ? (Object.getPrototypeOf(v) as object | null) : undefined;
  if (proto === undefined || (proto !== null && Object.getPrototypeOf(proto) !== null)) {
    throw refuse(`A ${kind(v)} cannot be stored; send JSON values or Dates.`);
  }
  const obj: Record<string, unknown> = {};
  for (const key of Object.keys(v as object)) {
    path.push(key);
    // Assigning it would set the copy's prototype instead of a property.
    if (key === '__proto__') throw refuse('The key "__proto__" is not allowed.');
    const value = copy((v as Record<string, unknown>)[key]);
    if (value !== undefined) obj[key] = value;
    path.pop();
  }
  return obj;
}
