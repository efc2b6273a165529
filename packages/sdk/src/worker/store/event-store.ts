import type { JsonObject, JsonValue, StoredEvent } from '@insitu/core';
import type { StorageKind } from '../../protocol.ts';

/** Key-value stores next to `events`: the profile service's state and the model's fine-tuned head. */
export type StateStore = 'profile' | 'model';

/** Counters kept in `meta` so they survive reloads. */
export type CounterName = 'invalid' | 'dropped' | 'pruned';

/** What retention removes: anything older than `cutoff`, then the oldest beyond `maxEvents`. */
export interface PruneRule {
  /** Events with `ts` below this (ms since epoch) are removed. */
  cutoff: number;
  maxEvents: number;
  /** Then remove this many more of the oldest, to make room after a quota error. */
  extra?: number;
}

/** What a prune did: events removed, and how many the store holds after it. */
export interface PruneResult {
  removed: number;
  left: number;
  /** No removed event has a later `ts` (−Infinity when none was removed). */
  upTo: number;
}

/**
 * The storage the worker writes to. IndexedDB and page memory implement the same interface, so
 * every other part of the worker is unaware of which one it has.
 */
export interface EventStore {
  readonly kind: StorageKind;
  /**
   * Writes a batch in one transaction; an event stored already (same id, made on the page) is
   * not stored again, and an event without a valid id and time stores none of the batch. With
   * `trim`, that retention runs in the same transaction after the writes.
   */
  put(events: readonly StoredEvent[], trim?: PruneRule): Promise<PruneResult | undefined>;
  count(): Promise<number>;
  /** The ids of these events that are stored already. */
  existing(events: readonly Pick<StoredEvent, 'id' | 'ts'>[]): Promise<Set<string>>;
  /** Newest first, at most `limit`, optionally only with `ts >= since`. */
  recent(limit: number, since?: number): Promise<StoredEvent[]>;
  /** Every event, oldest first. */
  all(): Promise<StoredEvent[]>;
  /** Applies retention in one transaction. */
  prune(rule: PruneRule): Promise<PruneResult>;
  meta(): Promise<JsonObject>;
  setMeta(key: string, value: JsonValue): Promise<void>;
  addCounters(delta: Partial<Record<CounterName, number>>): Promise<void>;
  getState(store: StateStore, key: string): Promise<JsonValue | undefined>;
  putState(store: StateStore, key: string, value: JsonValue): Promise<void>;
  deleteState(store: StateStore, key: string): Promise<void>;
  /** Every entry of a state store, by key (for export). */
  allState(store: StateStore): Promise<JsonObject>;
  close(): void;
}
