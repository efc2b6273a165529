/** A plain JSON-like object (what analytics calls and data layer entries carry). */
export type Obj = Record<string, unknown>;

/** Whether `v` is an object that is not an array (nor null). */
export const isObj = (v: unknown): v is Obj =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
