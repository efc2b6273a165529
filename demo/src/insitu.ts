import type { RecommendRequest, RecommendResult, StoredEvent } from '@insitu/core';

/**
 * The part of `window.insitu` the demo uses. Every call may hit the snippet's queue stub before the
 * runtime has loaded, so every method is treated as returning a promise.
 */
export interface InsituGlobal {
  track(name: string, props?: Record<string, unknown>): unknown;
  recommend(request: RecommendRequest): Promise<RecommendResult>;
  profile?(): Promise<unknown>;
  export(): Promise<unknown>;
  forget(): Promise<unknown>;
  stats?(): Promise<unknown>;
  on?(event: 'error' | 'ready', fn: (detail: unknown) => void): unknown;
}

declare global {
  interface Window {
    insitu?: InsituGlobal;
  }
}

/** The snippet's global, or undefined when the snippet is missing (the shop still works). */
export function insitu(): InsituGlobal | undefined {
  return window.insitu;
}

/** Tracks an event; the SDK never throws into the page, and neither does the demo's call site. */
export function track(name: string, props: Record<string, unknown> = {}): void {
  try {
    const r = insitu()?.track(name, props);
    if (r instanceof Promise) r.catch((e: unknown) => console.warn('insitu.track', e));
  } catch (e) {
    console.warn('insitu.track', e);
  }
}

/** recommend(), or an empty answer when the SDK is absent or the strategy is not available yet. */
export async function recommend(request: RecommendRequest): Promise<RecommendResult | undefined> {
  try {
    return await insitu()?.recommend(request);
  } catch (e) {
    console.info(`insitu.recommend(${request.strategy}) unavailable:`, e);
    return undefined;
  }
}

/** The stored events inside whatever `export()` returns (an array or an object with `events`). */
export function eventsOf(exported: unknown): StoredEvent[] {
  if (Array.isArray(exported)) return exported as StoredEvent[];
  if (exported && typeof exported === 'object') {
    const events = (exported as { events?: unknown }).events;
    if (Array.isArray(events)) return events as StoredEvent[];
  }
  return [];
}
