import {
  InsituError,
  toErrorInfo,
  validateCatalog,
  type Catalog,
  type ErrorInfo,
} from '@insitu/core';

/** Cache Storage name; `forget()` deletes every cache named `insitu-*`. */
export const CATALOG_CACHE = 'insitu-catalog';

/**
 * Returns a function that loads the catalog on first call and then answers from memory: one
 * fetch per worker. A fresh copy goes into Cache Storage (only when `mayCache()`, i.e. consent
 * allows storing) and serves when the network fails. Errors are reported, never thrown.
 */
export function catalogLoader(
  url: string | undefined,
  mayCache: () => boolean,
  report: (error: ErrorInfo) => void,
): () => Promise<Catalog | undefined> {
  let loading: Promise<Catalog | undefined> | undefined;
  return () => {
    if (url === undefined) return Promise.resolve(undefined);
    loading ??= load(url, mayCache).catch((error: unknown) => {
      report(toErrorInfo(error));
      return undefined;
    });
    return loading;
  };
}

async function load(url: string, mayCache: () => boolean): Promise<Catalog> {
  const cache = typeof caches !== 'undefined' ? caches : undefined;
  let response: Response | undefined;
  let failure = '';
  try {
    response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) failure = `HTTP ${response.status}`;
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  if (failure !== '' || !response) {
    response = await cache?.match(url, { cacheName: CATALOG_CACHE }).catch(() => undefined);
    if (!response) {
      throw new InsituError(
        'catalog_load_failed',
        `Could not load the catalog from ${url} (${failure}); check the catalog URL.`,
      );
    }
  } else if (mayCache() && cache) {
    const copy = response.clone();
    await cache
      .open(CATALOG_CACHE)
      .then((c) => c.put(url, copy))
      .catch(() => undefined); // A cache that cannot be written only costs a refetch.
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new InsituError('invalid_catalog', `${url} is not valid JSON.`, { field: 'catalog' });
  }
  return validateCatalog(json);
}
