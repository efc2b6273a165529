// capture.routes: a single-page app's navigations become events, with no router glue. Runs on the
// page: hooks history.pushState / replaceState and listens to popstate and hashchange.
import type { CompiledRoute } from './route-pattern.ts';
import { routeEvent } from './route-pattern.ts';
import type { Track } from './types.ts';

type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Fires the matching route's event for the current URL now (the full page load) and after every
 * navigation. The same path twice in a row fires once: a `replaceState` that only rewrites the
 * query (filters, sorting) or the hash is not a new page view; a new path is, also back to an
 * earlier one. A hash route (`#/detail/1`) is matched as the path.
 */
export function captureRoutes(routes: CompiledRoute[], track: Track, w: Window = window): void {
  let last: string | undefined;
  const check = () => {
    // Hash routers (`#/detail/1`) keep their path in the hash.
    const { hash } = w.location;
    const pathname = hash.startsWith('#/') ? hash.slice(1).split('?')[0]! : w.location.pathname;
    if (pathname === last) return;
    last = pathname;
    const basePath = new URL(w.document.baseURI).pathname;
    const found = routeEvent(routes, pathname, basePath);
    if (found) track(found[0], found[1]);
  };
  const hook = (name: HistoryMethod) => {
    const original = w.history[name];
    // An own property over History.prototype's: the page's (and any router's) calls pass through
    // unchanged, with their `this`, arguments, return value and exceptions.
    w.history[name] = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      safely(check);
      return result;
    };
  };
  hook('pushState');
  hook('replaceState');
  w.addEventListener('popstate', () => safely(check));
  w.addEventListener('hashchange', () => safely(check));
  safely(check);
}

/** Our bookkeeping must never break the page's navigation. */
function safely(fn: () => void) {
  try {
    fn();
  } catch {
    // A URL we cannot read is a page view we do not record.
  }
}
