import { EVENT_LIMITS, InsituError } from '@insitu/core';

/**
 * Whether `o` is an object literal, `Object.create(null)`, or an object literal of another realm
 * (an iframe): the only prototype whose own prototype is null is a realm's `Object.prototype`.
 */
function isPlain(o: object): boolean {
  const proto = Object.getPrototypeOf(o) as object | null;
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/** `properties.products[2].price` from the keys walked so far. */
function fieldOf(path: readonly (string | number)[]): string {
  let field = 'properties';
  for (const key of path) field += typeof key === 'number' ? `[${key}]` : `.${key}`;
  return field;
}

/** Thrown inside the walk; the path is added once, at the top, so success costs no strings. */
class Refused extends Error {}

/**
 * Copies `track()` properties in one walk, so the page may change its object afterwards and the
 * batch always crosses postMessage: Symbols, functions, BigInts, cycles and objects that are not
 * plain (Map, Set, class instances, DOM nodes, typed arrays) are refused, a `Date` becomes its ISO
 * string, and properties set to `undefined` are left out, as JSON leaves them out. Everything
 * else (string lengths, key counts, the Segment rules) is the worker's `validateEvent`, so the
 * main thread stays cheap. Throws `InsituError('invalid_event')` naming the field.
 */
export function copyProps(props: unknown): Record<string, unknown> | undefined {
  if (props === undefined || props === null) return undefined;
  const path: (string | number)[] = [];
  const ancestors: object[] = [];

  const copy = (v: unknown): unknown => {
    // Same depth rule as validateEvent: the properties object is level 0.
    if (path.length > EVENT_LIMITS.depth) {
      throw new Refused(`Nested too deeply (over ${EVENT_LIMITS.depth} levels).`);
    }
    switch (typeof v) {
      case 'string':
      case 'number':
      case 'boolean':
      case 'undefined':
        return v;
      case 'object':
        if (v === null) return v;
        break;
      default:
        throw new Refused(`A ${typeof v} cannot be stored; send JSON values only.`);
    }
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw new Refused('Invalid Date.');
      return v.toISOString();
    }
    if (ancestors.includes(v)) throw new Refused('The properties contain a cycle.');
    ancestors.push(v);
    let out: unknown[] | Record<string, unknown>;
    if (Array.isArray(v)) {
      const list = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        list[i] = copy(v[i]);
        path.pop();
      }
      out = list;
    } else {
      if (!isPlain(v)) {
        throw new Refused(
          'Only plain objects, arrays, strings, numbers, booleans, Dates and null are allowed.',
        );
      }
      const obj: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        path.push(key);
        // Assigning it would set the copy's prototype instead of a property.
        if (key === '__proto__') throw new Refused('Key "__proto__" is not allowed.');
        const value = copy((v as Record<string, unknown>)[key]);
        if (value !== undefined) obj[key] = value;
        path.pop();
      }
      out = obj;
    }
    ancestors.pop();
    return out;
  };

  if (typeof props !== 'object' || Array.isArray(props) || props instanceof Date) {
    throw new InsituError('invalid_event', 'Event properties must be a plain object.', {
      field: 'properties',
    });
  }
  try {
    return copy(props) as Record<string, unknown>;
  } catch (e) {
    // A throwing getter or a revoked proxy fails here too, at the field being read.
    const message =
      e instanceof Refused
        ? e.message
        : `Unreadable value (${e instanceof Error ? e.message : typeof e}).`;
    throw new InsituError('invalid_event', message, { field: fieldOf(path) });
  }
}
