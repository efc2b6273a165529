import type { RecommendRequest, RecommendResult } from '@insitu/core';
import type { Insitu } from 'insitu';

declare global {
  interface Window {
    /** The snippet's queue stub, then the live client; absent if the snippet is missing. */
    insitu?: Insitu;
  }
}

/** The snippet's global, or undefined when the snippet is missing (the shop still works). */
export function insitu(): Insitu | undefined {
  return window.insitu;
}

/** Tracks an event; the SDK never throws into the page, and neither does the demo's call site. */
export function track(name: string, props: Record<string, unknown> = {}): void {
  try {
    insitu()
      ?.track(name, props)
      .catch((e: unknown) => console.warn('insitu.track', e));
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
