import type {
  InsituError,
  LearnedSummary,
  Profile,
  RecommendRequest,
  RecommendResult,
} from '@insitu/core';
import type { AudienceMatch, InsituExport, Stats } from '../protocol.ts';

/** What `on('change')` handlers receive: events were stored by this tab or another one. */
export interface ChangeInfo {
  source: 'this-tab' | 'other-tab';
  stored: number;
}

/**
 * What `insitu.profile()` returns: core's profile, plus what insitu learned from the shopper's
 * behaviour since the last reset of what was learned (skipped items, the leading category).
 */
export interface ShopperProfile extends Profile {
  learned: LearnedSummary;
}

/** Handlers by event type for {@link Insitu.on}. */
export interface InsituEvents {
  /** Any failure: invalid events, storage, catalog, model. Never thrown into the page. */
  error: (error: InsituError) => void;
  /** The worker is up and storage is open. */
  ready: () => void;
  change: (info: ChangeInfo) => void;
}

/**
 * The insitu client, as `window.insitu` and as returned by `createInsitu()`. No method throws;
 * methods that return data reject with an `InsituError` (its `code` says why) and also report it
 * through `on('error')`. Arguments are checked before anything is posted: a bad one rejects with
 * `invalid_request` naming the field; methods without parameters refuse arguments.
 */
export interface Insitu {
  /**
   * Records an event; resolves at once, without waiting for storage, and never rejects. An event
   * that cannot be stored (a non-string name; Symbol, function or BigInt values; cycles; Maps,
   * class instances, DOM nodes) is refused alone and reported through `on('error')` as
   * `invalid_event` naming the field, and counted in `stats().invalid`. Dates become ISO strings.
   */
  track(name: string, props?: object): Promise<void>;
  recommend(request: RecommendRequest): Promise<RecommendResult>;
  /** The shopper's profile, computed in the worker from this device's history. */
  profile(): Promise<ShopperProfile>;
  audiences(): Promise<AudienceMatch[]>;
  /**
   * Records the shopper's decision (persisted) and starts or stops storing. Only `true` and
   * `false` are decisions: anything else rejects with `invalid_request` and changes nothing.
   */
  consent(granted: boolean): Promise<void>;
  /** Everything insitu keeps about the shopper, as JSON. */
  export(): Promise<InsituExport>;
  /** Erases every byte insitu stored on this device. */
  forget(): Promise<void>;
  /**
   * Erases what insitu learned from the shopper's reactions: the personal head and the showings
   * that rotation demotes by. History and profile stay.
   */
  resetLearning(): Promise<void>;
  /**
   * Subscribes to an event; returns the unsubscribe function. Never throws: an unknown type or a
   * handler that is no function is reported as `invalid_request` and gets a no-op unsubscribe.
   */
  on<K extends keyof InsituEvents>(type: K, fn: InsituEvents[K]): () => void;
  /** Resolves when the worker is ready (storage open). */
  ready(): Promise<void>;
  /** Resolves, with the counters, when everything tracked so far is stored. */
  flush(): Promise<Stats>;
  stats(): Promise<Stats>;
}
