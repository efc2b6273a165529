// Records keyed by names that come from events or catalogs ("constructor", "__proto__", …): read
// and write own properties only, so no key ever reaches Object.prototype.

/** The value stored under `key` itself, never one inherited from the prototype. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Stores `value` as an own, enumerable property, even for a key such as "__proto__". */
export function putOwn<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}
