// capture.dataLayer: GA4 e-commerce events the page already pushes to `window.dataLayer` (with
// `dataLayer.push` or `gtag()`) are recorded as Segment-named events. Runs on the page.
import { mapDataLayerEntry } from './ga4-map.ts';
import type { Track } from './types.ts';

type Push = (...items: unknown[]) => number;
type Layer = unknown[] & { push: Push };

/**
 * Reads every entry of the data layer once, in order, by index: those pushed before insitu loaded
 * first, then each new one right after the page's `push` returns. GTM (and other tags) assign
 * their own `push` after us; `push` is an accessor, so whatever they assign is wrapped the same
 * way and still runs first, with the same `this` and arguments, and its return value is returned.
 */
export function captureDataLayer(
  track: Track,
  w: { dataLayer?: unknown } = window as { dataLayer?: unknown },
): void {
  const layer = (w.dataLayer ??= []) as Layer;
  if (!Array.isArray(layer)) return; // Not a data layer we understand: leave it alone.
  let seen = 0;
  const drain = () => {
    if (seen > layer.length) seen = layer.length; // The page emptied it: read on from the end.
    while (seen < layer.length) {
      const entry = layer[seen++];
      try {
        for (const [name, props] of mapDataLayerEntry(entry)) void track(name, props);
      } catch {
        // A malformed entry (a getter that throws, a cyclic object) is skipped.
      }
    }
  };
  const wrap = (fn: Push): Push =>
    function (this: unknown, ...items: unknown[]) {
      const result = fn.apply(this, items);
      drain();
      return result;
    };
  let exposed = wrap(layer.push);
  Object.defineProperty(layer, 'push', {
    configurable: true,
    get: () => exposed,
    set: (fn: unknown) => {
      exposed = typeof fn === 'function' ? wrap(fn as Push) : (fn as Push);
    },
  });
  drain();
}
