import { InsituError } from '@insitu/core';
import { FILES, type ArtifactReader } from '@insitu/model';

/** Cache Storage name; `forget()` deletes every cache named `insitu-*`. */
export const MODEL_CACHE = 'insitu-model';

/** How the artifact was obtained: from the cache, fetched afresh, or re-fetched after a new build. */
export type CacheOutcome = 'hit' | 'miss' | 'updated' | 'off';

/** An artifact opened through the cache: a reader for `loadArtifact` and what happened. */
export interface CachedArtifact {
  read: ArtifactReader;
  /** The manifest as fetched (or as cached when the network is down). */
  manifest: Uint8Array;
  outcome: CacheOutcome;
  /** Stores the manifest once every file has loaded, so a half download is never reused. */
  commit(): Promise<void>;
  /** A JSON note kept with this artifact version (dropped with its files), e.g. the backend choice. */
  note<T>(name: string): Promise<T | undefined>;
  setNote(name: string, value: unknown): Promise<void>;
}

const failed = (message: string, cause?: unknown) =>
  new InsituError('model_load_failed', message, cause === undefined ? {} : { cause });

const same = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

async function fetchBytes(url: string, init: RequestInit): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw failed(`Could not fetch ${url}.`, error);
  }
  if (!response.ok) throw failed(`Fetching ${url} failed with HTTP ${response.status}.`);
  return new Uint8Array(await response.arrayBuffer());
}

async function openCache(): Promise<Cache | undefined> {
  try {
    return typeof caches === 'undefined' ? undefined : await caches.open(MODEL_CACHE);
  } catch {
    return undefined; // Opaque origins and some private modes have no Cache Storage.
  }
}

const bytesOf = async (r: Response | undefined) =>
  r === undefined ? undefined : new Uint8Array(await r.arrayBuffer());

/**
 * Opens the artifact under `baseUrl` with Cache Storage: the manifest is always revalidated
 * (`cache: 'no-cache'`), and the other files come from the cache only while the cached manifest
 * is byte-identical to the served one (a rebuild changes at least its `createdAt`). A changed
 * manifest drops every cached file of that artifact first. Without network, a cached artifact
 * is used as is.
 */
export async function openArtifact(baseUrl: string): Promise<CachedArtifact> {
  const base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`, self.location.href).href;
  const manifestUrl = base + FILES.manifest;
  const cache = await openCache();
  const cached = await bytesOf(await cache?.match(manifestUrl));
  let manifest: Uint8Array;
  try {
    manifest = await fetchBytes(manifestUrl, { cache: 'no-cache' });
  } catch (error) {
    if (cached === undefined) throw error;
    manifest = cached; // Offline: the last artifact that loaded completely.
  }
  const current = cached !== undefined && same(cached, manifest);
  if (cache !== undefined && !current) {
    for (const request of await cache.keys()) {
      if (request.url.startsWith(base)) await cache.delete(request);
    }
  }
  const noteUrl = (name: string) => `${base}.insitu/${name}.json`;
  const outcome: CacheOutcome =
    cache === undefined ? 'off' : current ? 'hit' : cached === undefined ? 'miss' : 'updated';
  return {
    manifest,
    outcome,
    async read(path) {
      if (path === FILES.manifest) return manifest;
      const url = base + path;
      const hit = current ? await bytesOf(await cache?.match(url)) : undefined;
      if (hit !== undefined) return hit;
      // After a rebuild the HTTP cache may still hold the old file under the same URL.
      const bytes = await fetchBytes(url, { cache: current ? 'default' : 'no-cache' });
      await cache?.put(url, new Response(bytes.slice().buffer)).catch(() => undefined);
      return bytes;
    },
    async note<T>(name: string) {
      if (!current) return undefined; // A new build: notes about the old one do not apply.
      const text = await (await cache?.match(noteUrl(name)))?.text();
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    async setNote(name, value) {
      await cache?.put(noteUrl(name), new Response(JSON.stringify(value))).catch(() => undefined);
    },
    async commit() {
      if (cache === undefined || current) return;
      await cache.put(manifestUrl, new Response(manifest.slice().buffer)).catch(() => undefined);
    },
  };
}
