// capture.segment: a page running Segment's analytics.js has its e-commerce `track` calls and its
// product `page` calls mirrored into insitu. Runs on the page. What Segment receives, returns and
// sends is untouched: the original runs first, and our mirror can only fail silently after it.
import { STANDARD_EVENTS } from '@insitu/core';
import { isObj, type Obj } from './is-object.ts';
import type { Track } from './types.ts';

/** The Segment e-commerce v2 events (core's list, less insitu's own recommendation events). */
const SEGMENT_NAMES: ReadonlySet<string> = new Set(
  STANDARD_EVENTS.filter((name) => !name.startsWith('Recommendation ')),
);

type Fn = (...args: unknown[]) => unknown;

const MIRRORED = Symbol.for('insitu.mirrored');
const REPLAY_WINDOW_MS = 5000;
/** The snippet appends the page's context (`{ __t: 'bpc', … }`) to queued calls; it is not theirs. */
const isContext = (v: unknown) => isObj(v) && v['__t'] === 'bpc';

/**
 * What one analytics.js call becomes in insitu:
 * - `track(name, props)` → the same event, for Segment e-commerce v2 names only (other events
 *   carry no product signal and often personal data, which insitu has no use for);
 * - `page(…, props)` → `Product Viewed` when props carry a `product_id`, `Product List Viewed`
 *   when they carry a `list_id` (with their `category`); other pages are not recorded.
 */
export function mirrorOf(method: unknown, args: unknown[]): [string, Obj] | undefined {
  if (method === 'track') {
    const [name, props] = args;
    if (typeof name !== 'string' || !SEGMENT_NAMES.has(name)) return undefined;
    return [name, isObj(props) ? props : {}];
  }
  if (method !== 'page') return undefined;
  // page([category], [name], [properties], [options], [callback]): the first object is properties.
  const props = args.find((a) => isObj(a) && !isContext(a)) as Obj | undefined;
  if (props === undefined) return undefined;
  if (props['product_id'] !== undefined)
    return ['Product Viewed', { product_id: props['product_id'] }];
  if (props['list_id'] === undefined) return undefined;
  const list: Obj = { list_id: props['list_id'] };
  if (props['category'] !== undefined) list['category'] = props['category'];
  return ['Product List Viewed', list];
}

/**
 * Mirrors `window.analytics`: the snippet's array stub (its queued calls now, later ones as they
 * are pushed) and the loaded library that replaces it (its `track` and `page`, wrapped when it is
 * assigned to `window.analytics` and again in `analytics.ready()`). A queued call the library
 * replays through its wrapped method is recognised by its arguments and recorded once.
 */
export function captureSegment(
  track: Track,
  w: { analytics?: unknown } = window as { analytics?: unknown },
): void {
  /** Stub calls mirrored already: the library replays them, and must not count them again. */
  const replays: unknown[][] = [];
  /** Libraries whose `ready()` we asked already (ready runs late callbacks at once: no loop). */
  const asked = new WeakSet<object>();
  const mirror = (method: unknown, args: unknown[]) => {
    try {
      const found = mirrorOf(method, args);
      if (found) void track(found[0], found[1]);
    } catch {
      // Never let our failure reach Segment's caller.
    }
  };
  const isReplay = (args: unknown[]) => {
    const i = replays.findIndex(
      (r) => r.length === args.length && r.every((a, k) => a === args[k]),
    );
    if (i >= 0) replays.splice(i, 1);
    return i >= 0;
  };
  const wrapMethod = (lib: Obj, method: 'track' | 'page') => {
    const original = lib[method];
    if (typeof original !== 'function' || (original as { [MIRRORED]?: true })[MIRRORED]) return;
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const result = (original as Fn).apply(this, args);
      if (!isReplay(args)) mirror(method, args);
      return result;
    };
    Object.defineProperty(wrapped, MIRRORED, { value: true });
    lib[method] = wrapped;
  };
  const hookStub = (stub: unknown[]) => {
    let seen = 0;
    const drain = () => {
      for (; seen < stub.length; seen++) {
        const call = stub[seen];
        if (!Array.isArray(call)) continue;
        const [method, ...args] = call as unknown[];
        if (isContext(args.at(-1))) args.pop();
        if (method === 'track' || method === 'page') {
          replays.push(args);
          mirror(method, args);
        }
      }
    };
    const push = stub.push as Fn;
    // The stub's methods queue each call with `analytics.push([method, …args])`.
    stub.push = function (this: unknown, ...items: unknown[]) {
      const result = push.apply(this, items) as number;
      drain();
      return result;
    };
    drain();
  };
  const hook = (value: unknown) => {
    try {
      if (Array.isArray(value)) hookStub(value);
      else if (isObj(value) || typeof value === 'function') {
        wrapMethod(value as Obj, 'track');
        wrapMethod(value as Obj, 'page');
        // A replay comes right after the library loads; later identical calls are the page's own.
        setTimeout(() => (replays.length = 0), REPLAY_WINDOW_MS);
      }
      // The library may swap its methods once ready: wrap what is there then.
      const lib = value as { ready?: unknown } | undefined;
      if (!Array.isArray(value) && typeof lib?.ready === 'function' && !asked.has(lib)) {
        asked.add(lib);
        (lib.ready as (fn: () => void) => void).call(lib, () => hook(w.analytics));
      }
    } catch {
      // An analytics object we cannot wrap is left as it is.
    }
  };
  let current = w.analytics;
  hook(current);
  try {
    // The stub replays queued `ready` callbacks once the library is loaded: wrap it then too.
    if (Array.isArray(current)) (current as { ready?: Fn }).ready?.(() => hook(w.analytics));
    // analytics.js assigns the loaded library to window.analytics in place of the stub.
    Object.defineProperty(w, 'analytics', {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value: unknown) => {
        current = value;
        hook(value);
      },
    });
  } catch {
    // A page's own top-level `var analytics` cannot be redefined: the ready callback remains.
  }
}
